"""Conversion between Markdown in content files and Wagtail's stored rich text."""

import re

import markdown
import nh3
from markdownify import markdownify

# Python-Markdown writes links in exactly this shape, and Wagtail stores page links as
# <a linktype="page" id="N">; both are machine-written, so a pattern is enough here.
SITE_LINK = re.compile(r'<a href="(/[^"]*)"')
PAGE_LINK = re.compile(r'<a id="(\d+)" linktype="page"|<a linktype="page" id="(\d+)"')
LINK_HREF = re.compile(r"\]\((/[^)\s]*)\)")


# What FAQs, topics and articles are written with (their editors' rich-text features);
# anything else arriving as raw HTML in a content file is dropped, keeping its text.
RICH_TEXT_TAGS = {"p", "br", "a", "strong", "b", "em", "i", "ul", "ol", "li", "h2", "h3"}
RICH_TEXT_TAGS |= {"blockquote"}
LINK_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
LINK_SCHEMES = {"http", "https", "mailto"}


def wagtail_link_attribute(tag, attribute, value):
    """Wagtail's page links (linktype="page" id="N") survive; no other use of the two does."""
    if attribute == "linktype":
        return value if value == "page" else None
    if attribute == "id":
        return value if value.isdigit() else None
    return value


def sanitised(html):
    """Imported HTML without scripts, handlers, styles, frames or javascript: links."""
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=LINK_ATTRIBUTES,
        attribute_filter=wagtail_link_attribute,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
    )


def site_paths_linked(text):
    """The site paths (starting with /) that Markdown `text` links to."""
    return LINK_HREF.findall(text)


def markdown_to_rich_text(text, page_id_for_path=None):
    """Wagtail rich text; site paths become page links when `page_id_for_path` can resolve them."""
    # Markdown lets raw HTML through untouched, and an imported file is anyone's writing.
    html = sanitised(
        markdown.markdown(text.strip(), extensions=["sane_lists"], output_format="html")
    )
    if page_id_for_path is None:
        return html

    def to_page_link(match):
        return f'<a linktype="page" id="{page_id_for_path(match.group(1))}"'

    return SITE_LINK.sub(to_page_link, html)


def rich_text_to_markdown(html, path_for_page_id):
    def to_site_link(match):
        page_id = int(match.group(1) or match.group(2))
        return f'<a href="{path_for_page_id(page_id)}"'

    html = PAGE_LINK.sub(to_site_link, html or "")
    text = markdownify(html, heading_style="ATX", bullets="-", strong_em_symbol="*")
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# Another system's answers may carry images; they are kept until the import has turned each
# into a Wagtail image (or dropped it), and never reach a page as a raw <img>.
IMPORTED_TAGS = RICH_TEXT_TAGS | {"img"}
IMPORTED_ATTRIBUTES = LINK_ATTRIBUTES | {"img": {"src", "alt"}}


def imported_html(text, answer_format):
    """Another system's answer (HTML, or Markdown when `answer_format` says so) made safe."""
    if answer_format == "markdown":
        text = markdown.markdown(text.strip(), extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        text,
        tags=IMPORTED_TAGS,
        attributes=IMPORTED_ATTRIBUTES,
        attribute_filter=wagtail_link_attribute,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
    ).strip()
