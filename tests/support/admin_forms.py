"""What the admin's page editor posts, for tests that save pages through it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def faq_form_data(faq, **changes):
    """What the admin's edit form posts for `faq` as stored, publishing it, with `changes`
    applied (a rich-text field's change given through `rich_text`)."""
    phrasings = [
        {"id": phrasing.pk, "text": phrasing.text, "ORDER": position}
        for position, phrasing in enumerate(faq.alternative_phrasings.all())
    ]
    links = [
        {"id": link.pk, "article": link.article_id, "ORDER": position}
        for position, link in enumerate(faq.related_article_links.all())
    ]
    fields = {
        "title": faq.title,
        "slug": faq.slug,
        "answer": rich_text(faq.answer),
        "tags": ", ".join(tag.name for tag in faq.tags.all()),
        "alternative_phrasings": inline_formset(phrasings, initial=len(phrasings)),
        "related_article_links": inline_formset(links, initial=len(links)),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    return nested_form_data(fields | changes)
