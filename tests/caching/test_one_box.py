"""One box without Redis: every process of it shares the page cache and its purges."""

import pytest

from tests.support.cluster import (
    app_server,
    faq_publish_edit,
    fetch,
    seconds_until,
    site_environment,
    site_init,
)

EDITED_SLUG = "is-pmo-more-senior-than-project-manager"
PAGE_PATH = f"/project-management/{EDITED_SLUG}/"
NEW_ANSWER = "Seniority depends on the organisation: an answer rewritten by a scheduled job."
PATIENCE_SECONDS = 20.0


@pytest.fixture(scope="module")
def one_box(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("one-box")
    environment = site_environment(
        database_url=f"sqlite:///{var_dir}/faqbase.sqlite3", var_dir=var_dir
    )
    site_init(environment)
    with app_server(environment, workers=2) as url:
        yield environment, url


def test_a_publish_from_another_process_reaches_every_worker(one_box):
    environment, url = one_box
    for _request in range(8):  # both workers have now served, and cached, the old page
        status, html = fetch(url + PAGE_PATH)
        assert status == 200 and NEW_ANSWER not in html

    # As a cron job publishing scheduled pages, or an import, would: outside the server.
    _path, _started, published_at = faq_publish_edit(
        environment, slug=EDITED_SLUG, question="Is a PMO more senior than a PM?", answer=NEW_ANSWER
    )

    assert seconds_until(
        lambda: all(NEW_ANSWER in fetch(url + PAGE_PATH)[1] for _request in range(8)),
        since=published_at,
        timeout=PATIENCE_SECONDS,
    ), "a worker kept serving the page as it was before the publish"
