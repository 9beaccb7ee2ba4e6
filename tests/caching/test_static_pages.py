"""`faqbase publish-static` writes every published page; publishing keeps the files current."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

TOO_OLD = "/project-management/am-i-too-old-to-be-a-project-manager/"


def copy_of(directory, url):
    return directory / url.lstrip("/") / "index.html"


@pytest.fixture
def pages_dir(tmp_path, settings):
    settings.FAQBASE_STATIC_PAGES_DIR = str(tmp_path)
    call_command("publish_static", str(tmp_path))
    return tmp_path


def test_every_published_page_is_written_as_a_visitor_would_see_it(tmp_path, capsys):
    call_command("publish_static", str(tmp_path))

    pages = Page.objects.live().public().filter(depth__gt=1)
    for page in pages:
        assert copy_of(tmp_path, page.url).is_file(), page.url
    assert copy_of(tmp_path, "/project-management/articles/").is_file()
    html = copy_of(tmp_path, TOO_OLD).read_text()
    assert '<h1 id="faq-question">Am I too old to be a project manager?</h1>' in html
    assert "Was this answer helpful?" in html
    assert "csrfmiddlewaretoken" not in html
    written = len(list(tmp_path.rglob("index.html")))
    assert f"Wrote {written} pages" in capsys.readouterr().out


def test_publishing_again_removes_the_files_of_pages_gone_since(tmp_path, capsys):
    stale = copy_of(tmp_path, "/no-longer-published/")
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    call_command("publish_static", str(tmp_path))
    assert not stale.exists()
    assert "removed 1 stale files" in capsys.readouterr().out


def test_publishing_an_faq_rewrites_its_file_and_those_that_list_it(pages_dir, too_old, commits):
    sibling = too_old.get_siblings(inclusive=False).live().first()
    with commits():
        too_old.title = "Is 60 too old to start in project management?"
        too_old.save_revision().publish()

    for url in (TOO_OLD, "/project-management/", sibling.url, "/"):
        assert "Is 60 too old to start" in copy_of(pages_dir, url).read_text(), url


def test_unpublishing_an_faq_removes_its_file(pages_dir, too_old, commits):
    with commits():
        too_old.unpublish()
    assert not copy_of(pages_dir, TOO_OLD).exists()
    assert TOO_OLD not in copy_of(pages_dir, "/project-management/").read_text()


def test_without_a_folder_the_command_says_what_it_needs(settings):
    settings.FAQBASE_STATIC_PAGES_DIR = None
    with pytest.raises(CommandError, match="Name a folder"):
        call_command("publish_static")
