"""Backup with PostgreSQL's own tools: pg_dump and pg_restore bring back the whole history."""

import shutil
import subprocess

import psycopg
import pytest

from tests.support.cluster import faq_publish_edit, fresh_postgres_database, site_environment

PAGES = """
    SELECT page.url_path, page.title, page.live,
           (SELECT count(*) FROM wagtailcore_revision revision
            WHERE revision.object_id = page.id::text)
    FROM wagtailcore_page page ORDER BY page.url_path
"""
PHRASINGS = """
    SELECT page.url_path, phrasing.text
    FROM knowledge_alternativephrasing phrasing
    JOIN wagtailcore_page page ON page.id = phrasing.faq_id
    ORDER BY 1, 2
"""
EDITED_SLUG = "is-project-manager-a-stressful-job"
NEW_QUESTION = "Is project management stressful?"


def database_contents(url):
    with psycopg.connect(url) as connection:
        return connection.execute(PAGES).fetchall(), connection.execute(PHRASINGS).fetchall()


@pytest.mark.skipif(
    not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="PostgreSQL's pg_dump and pg_restore are not installed",
)
def test_pg_dump_and_pg_restore_bring_back_every_page_revision_and_phrasing(
    postgres_server_url, demo_database, tmp_path
):
    dump = tmp_path / "faqbase.dump"
    with fresh_postgres_database(postgres_server_url, template_url=demo_database) as source:
        environment = site_environment(database_url=source, var_dir=tmp_path)
        faq_publish_edit(environment, slug=EDITED_SLUG, question=NEW_QUESTION, answer="Often.")
        subprocess.run(
            ["pg_dump", "--format", "custom", "--file", dump, "--dbname", source], check=True
        )
        backed_up = database_contents(source)
    with fresh_postgres_database(postgres_server_url) as restored:
        subprocess.run(["pg_restore", "--no-owner", "--dbname", restored, dump], check=True)
        assert database_contents(restored) == backed_up
    pages, phrasings = backed_up
    edited = [page for page in pages if page[0].endswith(f"/{EDITED_SLUG}/")]
    assert edited[0][1:] == (NEW_QUESTION, True, 2)
    assert len(pages) > 64 and len(phrasings) > 64
