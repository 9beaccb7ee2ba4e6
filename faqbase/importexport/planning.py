"""Importing another system's knowledge base, first step: what the import would do, checked
whole with nothing written (the dry run and the admin's preview); writing.py carries it out."""

import hashlib
import io
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.models import Locale

from faqbase.answers.services import answer_engine_for
from faqbase.base.models import HomePage
from faqbase.knowledge.models import FAQPage, TopicPage

from .formats import FORMAT_NAMES, source_read
from .markdown import imported_html
from .models import ImportedPage
from .sources import (
    MAX_ANSWER_LENGTH,
    MAX_PHRASING_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_TAG_LENGTH,
    SourceError,
)

DRAFT_ANSWER = "<p>To be written.</p>"
DUPLICATE_LOOKUP_LIMIT = 1


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    MERGE = "merge"
    SKIP = "skip"


@dataclass
class PlannedFAQ:
    record: object  # SourceFAQ
    action: str
    language: str = ""
    topic_title: str = ""
    topic: TopicPage | None = None  # None: the import creates it
    page: FAQPage | None = None  # the page an earlier import made of this item
    reason: str = ""
    duplicate_of: FAQPage | None = None
    answer_html: str = ""
    fingerprint: str = ""
    publish: bool = False
    # Created as the translation of the site-language FAQ of the same translation group.
    translates: bool = False

    def needs_topic(self):
        return self.action == Action.CREATE and self.topic is None and not self.translates


@dataclass
class ImportPlan:
    system: str
    format: str
    source_name: str
    faqs: list[PlannedFAQ] = field(default_factory=list)
    link_key: object = None
    images: dict = field(default_factory=dict)
    user: object = None

    def with_action(self, action):
        return [item for item in self.faqs if item.action == action]

    def counts(self):
        actions = (Action.CREATE, Action.UPDATE, Action.MERGE, Action.UNCHANGED, Action.SKIP)
        return {action: len(self.with_action(action)) for action in actions}

    @property
    def duplicates(self):
        return [item for item in self.faqs if item.duplicate_of is not None]

    @property
    def new_topics(self):
        return sorted(
            {(item.language, item.topic_title) for item in self.faqs if item.needs_topic()}
        )

    def summary(self):
        counts = self.counts()
        return (
            _(
                "%(create)d FAQs to create, %(update)d to update, %(merge)d to merge into "
                "existing FAQs, %(unchanged)d unchanged, %(skip)d skipped"
            )
            % counts
        )


class OperatorPermissions:
    """The command line without --user: whoever runs it already controls the whole site."""

    def __getattr__(self, name):
        return lambda: True


def page_permissions(page, user):
    return OperatorPermissions() if user is None else page.permissions_for_user(user)


def import_check(*, user):
    """Importing adds pages under the home page: the right to add pages there."""
    home = HomePage.in_default_locale()
    if home is None:
        raise SourceError(_("The site has no home page yet: import a content folder first."))
    if not page_permissions(home, user).can_add_subpage():
        raise PermissionDenied(_("You cannot add pages to the site, so you cannot import."))


def import_plan(*, path, user, format=None, topic=None, merge=()):
    """What importing the source at `path` would do, for `user`; nothing is written.

    `topic` (a topic's slug) takes the FAQs whose source names no topic; `merge` holds the keys
    of records whose duplicate (found by the answer engine) should take them as phrasings.
    """
    import_check(user=user)
    batch = source_read(path, format)
    default_topic = topic_by_slug(topic) if topic else None
    plan = ImportPlan(
        system=batch.system,
        format=FORMAT_NAMES.get(format or "", batch.system),
        source_name=getattr(path, "name", str(path)),
        link_key=batch.link_key,
        images=images_usable(batch.images),
        user=user,
    )
    imported = imported_pages(batch.system, [record.key for record in batch.faqs])
    for record in batch.faqs:
        plan.faqs.append(planned(record, imported.get(record.key), default_topic, user))
    translations_find(plan)
    duplicates_find(plan)
    merges_choose(plan, set(merge))
    return plan


def topic_by_slug(slug):
    topic = TopicPage.objects.filter(slug=slug, locale=Locale.get_default()).first()
    if topic is None:
        raise SourceError(_("There is no topic with the slug '%(slug)s'.") % {"slug": slug})
    return topic


def imported_pages(system, keys):
    rows = ImportedPage.objects.filter(system=system, key__in=keys).select_related("page")
    return {row.key: row for row in rows}


def translations_find(plan):
    """New FAQs in another language whose translation group has an FAQ in the site's own
    language, imported now or before: they become its translations."""
    default = Locale.get_default().language_code
    groups = {
        item.record.translation_group
        for item in plan.faqs
        if item.language == default and item.action != Action.SKIP
    }
    groups |= set(translation_sources(plan.system))
    for item in plan.with_action(Action.CREATE):
        group = item.record.translation_group
        item.translates = bool(group) and item.language != default and group in groups


def translation_sources(system):
    """The FAQs in the site's own language an earlier import of `system` made, by group."""
    rows = ImportedPage.objects.filter(
        system=system, merged=False, page__locale=Locale.get_default()
    ).exclude(translation_group="")
    return dict(rows.values_list("translation_group", "page_id"))


def planned(record, imported, default_topic, user):
    record_check(record)
    item = PlannedFAQ(record=record, action=Action.CREATE, fingerprint=fingerprint(record))
    item.answer_html = imported_html(record.answer, record.answer_format) or DRAFT_ANSWER
    item.language = site_language(record.language)
    if item.language is None:
        return skipped(
            item,
            _("it is in '%(code)s', a language this site is not written in")
            % {"code": record.language},
        )
    page = imported and imported.page.specific
    if isinstance(page, FAQPage):
        return planned_update(item, page, imported, user)
    return planned_create(item, default_topic, user)


def planned_update(item, page, imported, user):
    item.page = page
    item.topic = page.get_parent().specific
    item.topic_title = item.topic.title
    if imported.fingerprint == item.fingerprint:
        item.action = Action.UNCHANGED
        return item
    permissions = page_permissions(page, user)
    if not permissions.can_edit():
        return skipped(item, _("you may not edit “%(title)s”") % {"title": page.title})
    if imported.merged:
        item.action = Action.MERGE
        item.duplicate_of = page
        item.publish = page.live and permissions.can_publish()
        return item
    item.action = Action.UPDATE
    item.publish = not item.record.draft and permissions.can_publish()
    return item


def planned_create(item, default_topic, user):
    home = HomePage.objects.filter(locale__language_code=item.language).first()
    if home is None:
        return skipped(item, _("the site has no home page in that language yet"))
    if item.record.topic:
        item.topic_title = item.record.topic
        item.topic = topic_find(home, item.record.topic)
    elif default_topic is not None:
        item.topic = default_topic.get_translation_or_none(home.locale)
        if item.topic is None:
            return skipped(item, _("the topic is not translated into that language"))
        item.topic_title = item.topic.title
    else:
        raise SourceError(
            _("%(where)s: names no topic; choose a topic for such FAQs (--topic)")
            % {"where": item.record.where}
        )
    parent = item.topic or home
    if not page_permissions(parent, user).can_add_subpage():
        return skipped(item, _("you may not add pages to “%(title)s”") % {"title": parent.title})
    item.publish = not item.record.draft and page_permissions(parent, user).can_publish()
    return item


def topic_find(home, title):
    topics = TopicPage.objects.child_of(home)
    return topics.filter(slug=slugify(title)).first() or topics.filter(title__iexact=title).first()


def skipped(item, reason):
    item.action = Action.SKIP
    item.reason = reason
    return item


def record_check(record):
    """The readers check their own formats; these limits hold whatever the reader."""
    limits = (
        ("question", [record.question], MAX_QUESTION_LENGTH),
        ("answer", [record.answer], MAX_ANSWER_LENGTH),
        ("tag", record.tags, MAX_TAG_LENGTH),
        ("phrasing", record.phrasings, MAX_PHRASING_LENGTH),
    )
    if not record.question.strip():
        raise SourceError(f"{record.where}: the question is empty")
    for what, texts, limit in limits:
        for text in texts:
            if len(text) > limit:
                raise SourceError(
                    f"{record.where}: a {what} of {len(text):,} characters; the most is {limit:,}"
                )


def fingerprint(record):
    """What the source said, so that an unchanged item is left alone on the next import."""
    said = [record.question, record.answer, record.answer_format, record.topic, record.tags]
    said += [record.phrasings, record.slug, record.language, record.draft]
    said.append(record.last_edited.isoformat() if record.last_edited else "")
    return hashlib.sha256(json.dumps(said).encode()).hexdigest()


def site_language(code):
    """The site's content language for a source's code ("en", "en_US", "cy-GB"), or None."""
    languages = [language for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    if not code:
        return Locale.get_default().language_code
    code = code.strip().lower().replace("_", "-")
    if code in languages:
        return code
    base = code.split("-")[0]
    matching = [language for language in languages if language.split("-")[0] == base]
    return matching[0] if matching else None


def duplicates_find(plan):
    """FAQs to be created that the answer engine already answers confidently with a page."""
    for item in plan.with_action(Action.CREATE):
        if item.record.draft and item.answer_html == DRAFT_ANSWER:
            continue
        ranking = answer_engine_for(item.language).ask(
            item.record.question, limit=DUPLICATE_LOOKUP_LIMIT
        )
        if ranking.confident and ranking.answers:
            item.duplicate_of = FAQPage.objects.filter(pk=ranking.answers[0].faq.id).first()


def merges_choose(plan, keys):
    """The duplicates whose record keys the editor chose become phrasings of the FAQ they
    duplicate, instead of FAQs of their own."""
    for item in plan.duplicates:
        if item.record.key not in keys or item.action != Action.CREATE:
            continue
        duplicate = item.duplicate_of
        permissions = page_permissions(duplicate, plan.user)
        if not permissions.can_edit():
            skipped(item, _("you may not edit “%(title)s”") % {"title": duplicate.title})
            continue
        item.action = Action.MERGE
        item.publish = duplicate.live and permissions.can_publish()


def images_usable(images):
    """The source's images that are pictures Wagtail can show; any other file is dropped."""
    usable = {}
    for src, data in images.items():
        try:
            with PILImage.open(io.BytesIO(data)) as picture:
                picture.verify()
        except (OSError, SyntaxError, ValueError):
            continue
        usable[src] = data
    return usable
