"""DataStax's Python client, astrapy, driving `portal serve` through its admin API as a user
would: list, info, regions, create and wait, keyspaces added, listed and dropped (waiting each
time), the database dropped and waited for, and the list paged. Any exception fails the walk.

Usage: walk.py URL ORGANIZATION_TOKEN
"""

import sys

import astrapy.admin.admin as admin_module
from astrapy import DataAPIClient
from astrapy.api_options import APIOptions, DevOpsAPIURLOptions

# The client sleeps 15 s (databases) or 2 s (keyspaces) before each poll, and offers no option
# for it; the server under test takes 50 ms a step.
admin_module.DEV_OPS_DATABASE_POLL_INTERVAL_S = 0.1
admin_module.DEV_OPS_KEYSPACE_POLL_INTERVAL_S = 0.1


def main(url: str, token: str) -> None:
    options = APIOptions(dev_ops_api_url_options=DevOpsAPIURLOptions(dev_ops_url=url))
    admin = DataAPIClient(token, api_options=options).get_admin()

    before = admin.list_databases()
    names = sorted(db.name for db in before)
    assert "orders" in names, names
    paged = admin.list_databases(page_size=1)
    assert [db.id for db in paged] == [db.id for db in before], "pages of one: the same list"

    regions = admin.find_available_regions()
    assert any(r.name == "us-east-1" and r.cloud_provider.upper() == "AWS" for r in regions), regions
    orders = next(db for db in before if db.name == "orders")
    info = admin.database_info(orders.id)
    assert info.status == "ACTIVE" and "orders" in info.keyspaces, info.raw
    assert info.regions[0].name == orders.raw["info"]["region"], info.raw

    db_admin = admin.create_database(
        "astrapy-db",
        cloud_provider="aws",
        region="us-east-1",
        keyspace="first",
        wait_until_active=True,
    )
    created = admin.database_info(db_admin.id)
    assert created.status == "ACTIVE", created.raw
    assert db_admin.list_keyspaces() == ["first"], db_admin.list_keyspaces()

    db_admin.create_keyspace("second", wait_until_active=True)
    assert sorted(db_admin.list_keyspaces()) == ["first", "second"], db_admin.list_keyspaces()
    db_admin.drop_keyspace("second", wait_until_active=True)
    assert db_admin.list_keyspaces() == ["first"], db_admin.list_keyspaces()
    assert db_admin.info().status == "ACTIVE"

    admin.drop_database(db_admin.id, wait_until_active=True)
    after = admin.list_databases()
    assert [db.id for db in after] == [db.id for db in before], "the dropped database left the list"
    assert admin.database_info(db_admin.id).status == "TERMINATED"
    print(f"astrapy walk: {len(before)} databases listed, {len(regions)} regions, one created, "
          "changed and dropped")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
