"""The admin's import page: upload, preview, choose merges, confirm; each step for its user only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from faqbase.importexport.models import PendingImport
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

SHEET = (
    "question,answer,topic\n"
    "Is there a discount for groups?,Ask us about booking a whole team.,Course logistics\n"
    "Am I too old to become a project manager at 55?,Age is no barrier.,Course logistics\n"
)
EXISTING = "am-i-too-old-to-be-a-project-manager"


@pytest.fixture
def sign_in(client, member_of):
    def sign_in(role):
        client.force_login(member_of(role))
        return client

    return sign_in


def upload(client, content=SHEET, name="faqs.csv"):
    source = SimpleUploadedFile(name, content.encode(), content_type="text/csv")
    return client.post("/admin/import/", {"source": source, "format": "", "topic": ""})


def test_a_moderator_previews_then_imports_merging_the_duplicate(sign_in):
    client = sign_in("Moderators")
    preview_url = upload(client)["Location"]

    preview = client.get(preview_url)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Is there a discount for groups?" in page
    assert "The site already answers this:" in page
    assert 'name="merge"' in page
    assert not FAQPage.objects.filter(title="Is there a discount for groups?").exists()

    duplicate_key = preview.context["plan"].duplicates[0].record.key
    done = client.post(preview_url, {"merge": [duplicate_key]})

    assert done.status_code == 302
    assert FAQPage.objects.get(title="Is there a discount for groups?").live
    assert not FAQPage.objects.filter(title__startswith="Am I too old to become").exists()
    existing = FAQPage.objects.get(slug=EXISTING)
    assert "Am I too old to become a project manager at 55?" in [
        p.text for p in existing.alternative_phrasings.all()
    ]
    assert not PendingImport.objects.exists()


def test_an_analyst_is_refused_the_import_page(sign_in):
    client = sign_in("Analysts")
    assert client.get("/admin/import/").status_code == 403
    assert upload(client).status_code == 403
    assert not PendingImport.objects.exists()


def test_another_editors_upload_cannot_be_seen_or_confirmed(sign_in, client):
    preview_url = upload(sign_in("Moderators"))["Location"]
    client.logout()
    other = sign_in("Editors")
    assert other.get(preview_url).status_code == 404
    assert other.post(preview_url).status_code == 404
    assert not FAQPage.objects.filter(title="Is there a discount for groups?").exists()


def test_a_file_over_the_upload_limit_is_refused_with_413(sign_in, settings):
    settings.FAQBASE_IMPORT_MAX_UPLOAD_MB = 1
    big = SHEET + "x" * (1024 * 1024)
    response = upload(sign_in("Moderators"), content=big)
    assert response.status_code == 413
    assert "larger than 1 MB" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_broken_file_is_refused_naming_the_problem(sign_in):
    client = sign_in("Moderators")
    preview_url = upload(client, content="question,answer\n,No question here.\n")["Location"]
    response = client.get(preview_url)
    assert response.status_code == 400
    assert "row 2" in response.content.decode()
