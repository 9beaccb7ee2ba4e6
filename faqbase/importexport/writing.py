"""Carrying out an import's plan (planning.py) in one transaction: topics and FAQs created or
updated, translations linked, links between imported FAQs and pictures made the site's own."""

import io
from pathlib import PurePosixPath

from bs4 import BeautifulSoup
from django.db import transaction
from wagtail.models import Locale

from faqbase.base.models import HomePage
from faqbase.base.tasks import tasks_deferred
from faqbase.editorial.services import free_slug, phrasings_add
from faqbase.knowledge.models import AlternativePhrasing, FAQPage, TopicPage

from .images import image_stored
from .models import ImportedPage
from .planning import (
    DRAFT_ANSWER,
    Action,
    import_check,
    page_permissions,
    translation_sources,
)
from .sources import MAX_QUESTION_LENGTH


def import_apply(*, plan):
    """Carry out `plan` as its user: pages created, updated or merged, links between imported
    FAQs turned into page links, images into Wagtail images. One transaction: all or nothing;
    Wagtail's search and reference index updates run once per page, at the end."""
    with transaction.atomic(), tasks_deferred():
        return pages_written(plan)


def pages_written(plan):
    user = plan.user
    import_check(user=user)
    topics = topics_ensure(plan, user)
    written = []
    sources = translation_sources(plan.system)
    default_locale = Locale.get_default()
    # The site's own language first, so each translation finds the FAQ it translates.
    for item in sorted(plan.faqs, key=lambda item: item.translates):
        if item.action == Action.CREATE and item.translates:
            source = FAQPage.objects.get(pk=sources[item.record.translation_group])
            written.append((item, translation_create(item, source, user)))
        elif item.action == Action.CREATE:
            page = faq_create(item, topics[(item.language, item.topic_title)])
            written.append((item, page))
            if page.locale_id == default_locale.pk and item.record.translation_group:
                sources[item.record.translation_group] = page.pk
        elif item.action == Action.UPDATE:
            written.append((item, item.page))
        elif item.action == Action.MERGE:
            phrasings_merge_into(item, user)
            imported_page_record(plan, item, item.duplicate_of, merged=True)
    page_ids = pages_by_key(plan, written)
    images = ImportedImages(plan.images, user)
    for item, page in written:
        faq_write(item, page, answer_finished(item.answer_html, plan.link_key, page_ids, images))
        faq_save(item, page, user)
        imported_page_record(plan, item, page)
    return plan.counts()


def topics_ensure(plan, user):
    topics = {(item.language, item.topic_title): item.topic for item in plan.faqs if item.topic}
    for language, title in plan.new_topics:
        home = HomePage.objects.get(locale__language_code=language)
        topic = TopicPage(
            title=title[:MAX_QUESTION_LENGTH], slug=free_slug(home, title), live=False
        )
        home.add_child(instance=topic)
        revision = topic.save_revision(user=user, log_action=True)
        if page_permissions(home, user).can_publish():
            revision.publish(user=user)
        topics[(language, title)] = topic
    return topics


def translation_create(item, source, user):
    """The translation of `source` into the item's language (an existing one, say translated
    by hand, is updated), under the translation of its topic, made now if there is none."""
    locale = Locale.objects.get(language_code=item.language)
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    source_topic = source.get_parent().specific
    if source_topic.get_translation_or_none(locale) is None:
        topic = source_topic.copy_for_translation(locale).specific
        topic.title = item.record.topic or topic.title
        revision = topic.save_revision(user=user, log_action=True)
        if page_permissions(topic.get_parent(), user).can_publish():
            revision.publish(user=user)
    return source.copy_for_translation(locale).specific


def faq_create(item, topic):
    page = FAQPage(
        title=item.record.question,
        slug=free_slug(topic, item.record.slug or item.record.question),
        answer=DRAFT_ANSWER,
        live=False,
    )
    topic.add_child(instance=page)
    return page


def pages_by_key(plan, written):
    """Every page this system's items became, this import's and earlier ones', by key."""
    rows = ImportedPage.objects.filter(system=plan.system).values_list("key", "page_id")
    page_ids = dict(rows)
    page_ids.update({item.record.key: page.pk for item, page in written})
    return page_ids


def faq_write(item, page, answer):
    record = item.record
    page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
    page.title = record.question
    page.answer = answer
    page.tags.set(record.tags)
    page.alternative_phrasings = [
        AlternativePhrasing(text=text, sort_order=position)
        for position, text in enumerate(phrasings_new(record.phrasings, {record.question}))
    ]


def phrasings_new(texts, known):
    """`texts` less those already `known`, compared without regard to case."""
    seen = {text.casefold() for text in known}
    kept = []
    for text in texts:
        if text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return kept


def faq_save(item, page, user):
    """A revision by the importing user; published when they may and the source published it,
    otherwise left as a draft for a moderator (a live page keeps showing what it showed)."""
    revision = page.save_revision(user=user, log_action=True)
    if item.publish:
        revision.publish(user=user)
        if item.record.last_edited:
            # The source's date wins: the import carries history rather than making an edit.
            FAQPage.objects.filter(pk=page.pk).update(last_edited=item.record.last_edited)


def phrasings_merge_into(item, user):
    faq = item.duplicate_of.specific
    if not phrasings_add(faq=faq, texts=[item.record.question, *item.record.phrasings]):
        return
    revision = faq.save_revision(user=user, log_action=True)
    if item.publish:
        revision.publish(user=user)


def imported_page_record(plan, item, page, merged=False):
    ImportedPage.objects.update_or_create(
        system=plan.system,
        key=item.record.key,
        defaults={
            "page": page,
            "fingerprint": item.fingerprint,
            "merged": merged,
            "translation_group": item.record.translation_group,
        },
    )


def answer_finished(html, link_key, page_ids, images):
    """Links to other imported FAQs become page links; images become Wagtail images."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        page_id = page_ids.get(link_key(link["href"]))
        if page_id is not None:
            link.attrs = {"linktype": "page", "id": str(page_id)}
    for picture in soup.find_all("img"):
        image = images.for_src(picture.get("src", ""), picture.get("alt", ""))
        if image is None:
            picture.decompose()
            continue
        embed = soup.new_tag("embed", attrs={"embedtype": "image", "id": str(image.pk)})
        embed["format"] = "fullwidth"
        embed["alt"] = picture.get("alt", "")
        picture.replace_with(embed)
    return str(soup)


class ImportedImages:
    """The source's images as Wagtail images, each stored once however often it is used."""

    def __init__(self, images, user):
        self.images = images
        self.user = user
        self.by_src = {}

    def for_src(self, src, alt):
        if src not in self.images:
            return None
        if src not in self.by_src:
            self.by_src[src] = self.stored(src, alt)
        return self.by_src[src]

    def stored(self, src, alt):
        name = PurePosixPath(src).name or "imported-image"
        return image_stored(
            io.BytesIO(self.images[src]),
            name=name,
            title=alt or name,
            description=alt,
            user=self.user,
        )
