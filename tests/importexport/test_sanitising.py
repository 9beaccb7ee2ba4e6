"""HTML inside imported Markdown is cleaned: no script reaches a page, the FAQ's formatting does."""

import shutil

import pytest
from django.core.management import call_command

from faqbase.demo import DEMO_CONTENT_DIR
from faqbase.knowledge.models import FAQPage

from .test_round_trip import rewrite_answer

pytestmark = pytest.mark.django_db

SLUG = "is-project-manager-a-stressful-job"
HOSTILE_ANSWER = """\
It can be. <script>alert("script")</script>**Plan** your week and *rest*.

<p style="position:fixed" onmouseover="alert('handler')">Hover here.</p>
<img src="x" onerror="alert('image')">
<iframe src="https://evil.example/"></iframe>
[Click me](javascript:alert('link')) or <a href="JaVaScRiPt:alert('raw')">me</a>.

<h2>Where to start</h2>
<h3>Daily habits</h3>
<ul><li>Say no</li></ul>
<ol><li>Delegate</li></ol>
<blockquote>Calm is a skill.</blockquote>
<b>Bold</b> <i>italic</i> <a href="https://www.example.org/stress">A guide</a>,
<a linktype="page" id="{page_id}">the PMO answer</a> and [the topic](/project-management/).
"""


@pytest.fixture
def hostile_import(tmp_path, pmo_faq):
    folder = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT_DIR, folder)
    rewrite_answer(folder, SLUG, HOSTILE_ANSWER.format(page_id=pmo_faq.pk))
    call_command("import", str(folder))
    return FAQPage.objects.get(slug=SLUG)


def test_scripts_handlers_styles_frames_and_javascript_links_are_dropped(hostile_import):
    answer = hostile_import.answer
    for banned in ("<script", "alert(", "onmouseover", "onerror", "<iframe", "style=", "<img"):
        assert banned not in answer.lower(), banned
    assert "javascript:" not in answer.lower()
    assert "Hover here." in answer


def test_the_formatting_faqs_use_survives(hostile_import, pmo_faq):
    answer = hostile_import.answer
    for kept in (
        "<strong>Plan</strong>",
        "<em>rest</em>",
        "<h2>Where to start</h2>",
        "<h3>Daily habits</h3>",
        "<ul><li>Say no</li></ul>",
        "<ol><li>Delegate</li></ol>",
        "<blockquote>Calm is a skill.</blockquote>",
        "<b>Bold</b> <i>italic</i>",
        '<a href="https://www.example.org/stress">A guide</a>',
        f'<a linktype="page" id="{pmo_faq.pk}">the PMO answer</a>',
    ):
        assert kept in answer, kept
    topic_id = FAQPage.objects.get(slug=SLUG).get_parent().pk
    assert f'<a linktype="page" id="{topic_id}">the topic</a>' in answer


def test_the_published_page_shows_the_links_and_none_of_the_script(client, hostile_import, pmo_faq):
    html = client.get(hostile_import.url).content.decode()
    assert f'href="{pmo_faq.url}">the PMO answer</a>' in html
    assert "alert(" not in html
    assert "evil.example" not in html
