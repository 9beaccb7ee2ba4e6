"""Reading FAQs from a web page saved as HTML.

A page is read, in this order, for schema.org FAQPage markup in JSON-LD, then in microdata; every
question found is kept once. A page with no FAQPage markup is read in the layout of the
customer's current FAQ pages: the question as the heading, its answer, a "Last edited on: 02 Jun
2026" line, then the list of the topic's questions, whose unanswered ones become drafts.

A question's key is the address the page gives it (made absolute against the page's canonical
link or <base>), else "#" and the slug of the question."""

import datetime
import html
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, UnicodeDammit
from bs4.exceptions import ParserRejectedMarkup

from faqbase.importexport.sources import (
    MAX_ANSWER_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_SOURCE_BYTES,
    SourceBatch,
    SourceError,
    SourceFAQ,
)
from faqbase.importexport.sources.common import (
    file_data,
    file_size,
    iso_moment,
    json_kind,
    noon_in_london,
)

SYSTEM = "webpage"
NOTHING_FOUND = "found no FAQPage markup and no question heading"

# The elements an answer is made of in the page layout; a <div> is a wrapper, not content.
ANSWER_BLOCKS = {"p", "ul", "ol", "dl", "table", "blockquote", "pre", "figure", "h3", "h4", "h5"}
# Page furniture between the heading and the date line that is no part of the answer.
FURNITURE = {"nav", "aside", "header", "footer", "form"}
LAST_EDITED_LABEL = re.compile(r"last\s+edited\s+on", re.IGNORECASE)
LAST_EDITED_LINE = re.compile(
    r"last\s+edited\s+on\s*:?\s*(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})\.?", re.IGNORECASE
)
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


@dataclass
class Page:
    name: str  # the file's name, for messages
    soup: BeautifulSoup
    canonical: str  # the page's own address, "" when it gives none
    base: str  # what its relative links are resolved against, "" when nothing
    language: str
    topic: str = ""

    def fail(self, message):
        raise SourceError(f"{self.name}: {message}")

    def address(self, href):
        """The absolute web address a link or id names, or None for no web page."""
        href = href.strip() if isinstance(href, str) else ""
        if not href or href.startswith("_:"):
            return None
        try:
            address = urljoin(self.base, href)
            scheme = urlsplit(address).scheme.lower()
        except ValueError:
            return None
        return address if scheme in ("", "http", "https") else None

    def own_addresses(self):
        return {normalised(address) for address in (self.canonical, self.base) if address}


@dataclass
class Found:
    faq: SourceFAQ
    # Other hrefs that lead to this question: element ids ("#pfq"), a duplicate's key.
    aliases: list[str] = field(default_factory=list)


@dataclass
class JsonLdBlock:
    label: str  # "JSON-LD block 2 (line 14)"
    data: object = None
    error: str = ""  # why the block is not JSON
    about_faq: bool = False


def read(path: Path) -> SourceBatch:
    page = opened(path)
    blocks = json_ld_blocks(page)
    page.topic = checked_topic(page, json_ld_breadcrumb(blocks) or nav_breadcrumb(page.soup))
    found = [*json_ld_records(page, blocks), *microdata_records(page)]
    broken = [block for block in blocks if block.error]
    if not found:
        refuse_broken_faq_block(page, broken)
        found = layout_records(page)
    if not found:
        note = f" ({broken[0].label} is not valid JSON: {broken[0].error})" if broken else ""
        page.fail(
            f"{NOTHING_FOUND}{note}; expected schema.org FAQPage markup (JSON-LD or microdata) "
            "or a page with the question as its main heading"
        )
    for item in found:
        check_record(page, item.faq)
    found = deduplicated(found)
    check_unique_keys(page, found)
    return SourceBatch(
        system=SYSTEM,
        faqs=[item.faq for item in found],
        link_key=link_finder(page, found),
    )


def opened(path):
    size = file_size(path)
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            f"{path.name}: the file is {size:,} bytes; "
            f"the most a source may hold is {MAX_SOURCE_BYTES:,} bytes"
        )
    data = file_data(path)
    # The page's own charset declaration first, then UTF-8, then the Windows encoding British
    # pages were long saved in: a statistical guess reads "£" as some other letter.
    dammit = UnicodeDammit(data, user_encodings=["utf-8", "windows-1252"], is_html=True)
    markup = dammit.unicode_markup
    if markup is None:
        raise SourceError(
            f"{path.name}: the page's character encoding cannot be told; save it as UTF-8"
        )
    try:
        soup = BeautifulSoup(markup, "html.parser")
    except ParserRejectedMarkup as error:
        raise SourceError(
            f"{path.name}: the page is not HTML that can be read ({error})"
        ) from error
    base = soup.find("base", href=True)
    canonical = soup.find("link", rel="canonical", href=True)
    canonical = canonical["href"].strip() if canonical else ""
    root = soup.find("html")
    return Page(
        name=path.name,
        soup=soup,
        canonical=canonical,
        base=urljoin(canonical, base["href"].strip()) if base else canonical,
        language=collapsed(root.get("lang", "")) if root else "",
    )


# JSON-LD


def json_ld_blocks(page):
    blocks = []
    scripts = page.soup.find_all("script", type=is_json_ld)
    for number, script in enumerate(scripts, start=1):
        block = JsonLdBlock(label=f"JSON-LD block {number} (line {script.sourceline})")
        text = script.get_text()
        try:
            block.data = json.loads(text)
        except ValueError as error:
            block.error = str(error)
        except RecursionError:
            block.error = "it is nested too deeply"
        block.about_faq = bool(block.error) and "faqpage" in text.lower()
        blocks.append(block)
    return blocks


def is_json_ld(media_type):
    return bool(media_type) and media_type.split(";")[0].strip().lower() == "application/ld+json"


def json_ld_records(page, blocks):
    for block in blocks:
        nodes = list(json_nodes(block.data))
        by_id = nodes_by_id(nodes)
        questions = (
            (question, faq_page)
            for faq_page in nodes
            if "FAQPage" in type_names(faq_page.get("@type"))
            for question in json_questions(faq_page, by_id)
        )
        for number, (question, faq_page) in enumerate(questions, start=1):
            where = f"{block.label}, question {number}"
            yield json_ld_record(page, where, question, faq_page, by_id)


def json_nodes(data):
    """Every object in a JSON document, in document order; a loop, as a page may nest deeply."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            yield value
            pending.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            pending.extend(reversed(value))


def nodes_by_id(nodes):
    return {
        node["@id"]: node for node in nodes if isinstance(node.get("@id"), str) and len(node) > 1
    }


def type_names(types):
    """{"FAQPage"} from "FAQPage", "schema:FAQPage", "https://schema.org/FAQPage" or a list."""
    types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    return {name.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for name in types if isinstance(name, str)}


def json_questions(faq_page, by_id):
    for item in as_list(faq_page.get("mainEntity")):
        question = referenced(item, by_id)
        if isinstance(question, dict) and is_question(question):
            yield question


def is_question(node):
    types = type_names(node.get("@type"))
    return "Question" in types or (not types and "name" in node)


def referenced(value, by_id):
    """The node a {"@id": ...} reference names elsewhere in the block, as an @graph links them."""
    if isinstance(value, dict) and list(value) == ["@id"]:
        return by_id.get(value["@id"], value)
    return value


def as_list(value):
    return value if isinstance(value, list) else [] if value is None else [value]


def json_ld_record(page, where, question, faq_page, by_id):
    answers = as_list(question.get("acceptedAnswer"))
    answer = referenced(answers[0], by_id) if answers else {}
    answer = answer if isinstance(answer, dict) else {}
    text = json_text(page, where, "question's 'name'", question.get("name"))
    answer_html = json_text(page, where, "answer's 'text'", answer.get("text")).strip()
    modified = question.get("dateModified") or answer.get("dateModified")
    page_addresses = page.own_addresses() | {
        normalised(address)
        for address in (page.address(faq_page.get("url")), page.address(faq_page.get("@id")))
        if address
    }
    url = question_address(page, [question.get("url"), question.get("@id")], page_addresses)
    return Found(
        SourceFAQ(
            key=url or slug_key(text),
            question=collapsed(text),
            answer=answer_html,
            where=where,
            topic=page.topic,
            language=json_language(question, faq_page) or page.language,
            last_edited=timestamp(page, where, modified or faq_page.get("dateModified")),
            draft=not answer_html,
        )
    )


def json_text(page, where, what, value):
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if value is None or isinstance(value, str):
        return value or ""
    page.fail(f"{where}: the {what} must be text, not {json_kind(value)}")


def json_language(question, faq_page):
    for language in (question.get("inLanguage"), faq_page.get("inLanguage")):
        if isinstance(language, str) and language.strip():
            return language.strip()
    return ""


def question_address(page, candidates, page_addresses):
    """The first address given that names the question rather than the whole page."""
    for candidate in candidates:
        address = page.address(candidate)
        if address and normalised(address) not in page_addresses:
            return address
    return None


def json_ld_breadcrumb(blocks):
    for block in blocks:
        nodes = list(json_nodes(block.data))
        by_id = nodes_by_id(nodes)
        for node in nodes:
            if "BreadcrumbList" in type_names(node.get("@type")):
                crumbs = [referenced(item, by_id) for item in as_list(node.get("itemListElement"))]
                crumbs = [crumb for crumb in crumbs if isinstance(crumb, dict)]
                names = [crumb_name(crumb) for crumb in sorted(crumbs, key=crumb_position)]
                return names[-2] if len(names) > 1 else ""
    return ""


def crumb_position(crumb):
    try:
        return int(crumb.get("position"))
    except (TypeError, ValueError):
        return 0


def crumb_name(crumb):
    item = crumb.get("item")
    name = crumb.get("name") or (item.get("name") if isinstance(item, dict) else "")
    return collapsed(name) if isinstance(name, str) else ""


# Microdata


def microdata_records(page):
    faq_pages = page.soup.find_all(
        itemscope=True, itemtype=lambda types: has_type(types, "FAQPage")
    )
    questions = (
        (question, faq_page)
        for faq_page in faq_pages
        for question in item_properties(faq_page, "mainEntity")
        if question.has_attr("itemscope")
        and has_type(question.get("itemtype", "Question"), "Question")
    )
    for number, (question, faq_page) in enumerate(questions, start=1):
        yield microdata_record(page, f"microdata question {number}", question, faq_page)


def has_type(itemtype, name):
    return name in type_names(itemtype.split()) if isinstance(itemtype, str) else False


def item_properties(item, name):
    """The item's own properties called name, leaving out those of the items nested in it."""
    return [
        element
        for element in item.find_all(itemprop=True)
        if name in element["itemprop"].split()
        and element.find_parent(attrs={"itemscope": True}) is item
    ]


def item_property(item, name):
    properties = item_properties(item, name) if item is not None else []
    return properties[0] if properties else None


def microdata_record(page, where, question, faq_page):
    name = item_property(question, "name")
    answer = item_property(question, "acceptedAnswer")
    answer = answer if answer is not None and answer.has_attr("itemscope") else None
    text = item_property(answer, "text")
    answer_html = html_value(text).strip() if text is not None else ""
    url = item_property(question, "url")
    address = question_address(
        page,
        [url_value(url) if url is not None else None, question.get("itemid")],
        page.own_addresses(),
    )
    question_text = collapsed(text_value(name)) if name is not None else ""
    modified = [item_property(item, "dateModified") for item in (question, answer, faq_page)]
    modified = next((text_value(element) for element in modified if element is not None), None)
    ids = [element.get("id") for element in (question, name) if element is not None]
    return Found(
        SourceFAQ(
            key=address or slug_key(question_text),
            question=question_text,
            answer=answer_html,
            where=where,
            topic=page.topic,
            language=page.language,
            last_edited=timestamp(page, where, modified),
            draft=not answer_html,
        ),
        aliases=[
            f"#{element_id.strip()}" for element_id in ids if element_id and element_id.strip()
        ],
    )


def text_value(element):
    if element.name == "meta":
        return element.get("content", "")
    if element.name == "time" and element.get("datetime"):
        return element["datetime"]
    return element.get_text()


def url_value(element):
    if element.name in ("a", "area", "link"):
        return element.get("href", "")
    return element.get("content", "") if element.name == "meta" else element.get_text()


def html_value(element):
    if element.name == "meta":
        return html.escape(element.get("content", ""), quote=False)
    return element.decode_contents()


# The page layout of the customer's current FAQ pages


def layout_records(page):
    date_line, day = last_edited_line(page)
    heading = question_heading(page.soup, date_line)
    if heading is None:
        return []
    question = collapsed(heading.get_text())
    listing = question_list(heading, question, date_line)
    answer = answer_html(heading, {id(end) for end in (date_line, listing) if end is not None})
    listed = listed_questions(page, listing)
    own_address = next((url for _, text, url in listed if same_question(text, question)), None)
    own_address = own_address or page.address(page.canonical)
    last_edited = noon_in_london(day) if day else None
    own = Found(
        SourceFAQ(
            key=own_address or slug_key(question),
            question=question,
            answer=answer,
            where="the page's question",
            topic=page.topic,
            language=page.language,
            last_edited=last_edited,
            draft=not answer,
        ),
        aliases=[page.canonical] if page.canonical else [],
    )
    drafts = [
        Found(
            SourceFAQ(
                key=url or slug_key(text),
                question=text,
                answer="",
                where=f"question list, item {number}",
                topic=page.topic,
                language=page.language,
                draft=True,
            )
        )
        for number, text, url in listed
        if not same_question(text, question)
    ]
    return [own, *drafts]


def last_edited_line(page):
    """The element holding the whole "Last edited on" line, and the day it gives."""
    for label in page.soup.find_all(string=LAST_EDITED_LABEL):
        # The label may sit in a <strong> and the date in a <time> beside it.
        for element in itertools.islice(label.parents, 3):
            line = collapsed(element.get_text())
            match = LAST_EDITED_LINE.fullmatch(line)
            if match:
                return element, edited_day(page, line, match)
    return None, None


def edited_day(page, line, match):
    day, month_name, year = match.groups()
    months = [n for n, name in enumerate(MONTHS, 1) if name.startswith(month_name.lower())]
    try:
        return datetime.date(int(year), months[0], int(day))
    except (IndexError, ValueError):
        page.fail(
            f"the line '{line}' does not give a real date; "
            "expected the day, the month's name and the year, e.g. 'Last edited on: 02 Jun 2026'"
        )


def question_heading(soup, date_line):
    """The question: the h1 (else h2) nearest before the date line, or the page's first one."""
    for level in ("h1", "h2"):
        headings = date_line.find_all_previous(level) if date_line else soup.find_all(level)
        heading = next((heading for heading in headings if collapsed(heading.get_text())), None)
        if heading is not None:
            return heading
    return None


def question_list(heading, question, date_line):
    """The list of the topic's questions: the one that lists this page's question, else the
    first list of links after the date line."""
    for listing in heading.find_all_next(["ul", "ol"]):
        if any(same_question(link.get_text(), question) for link in listing.find_all("a")):
            return listing
    if date_line is None:
        return None
    return next(
        (listing for listing in date_line.find_all_next(["ul", "ol"]) if links_only(listing)), None
    )


def links_only(listing):
    items = listing.find_all("li")
    return bool(items) and all(item.find("a", href=True) for item in items)


def answer_html(heading, ends):
    """The blocks after the heading up to the date line, the question list or the next heading."""
    blocks, taken = [], set()
    for element in heading.find_all_next(True):
        if id(element) in ends or element.name in ("h1", "h2"):
            break
        if element.name not in ANSWER_BLOCKS or any(
            id(parent) in taken or parent.name in FURNITURE for parent in element.parents
        ):
            continue
        if any(id(inner) in ends for inner in element.find_all(True)):
            break
        blocks.append(element)
        taken.add(id(element))
    return "\n".join(str(block) for block in blocks).strip()


def listed_questions(page, listing):
    if listing is None:
        return []
    links = ((link, collapsed(link.get_text())) for link in listing.find_all("a"))
    return [
        (number, text, page.address(link.get("href")))
        for number, (link, text) in enumerate(links, start=1)
        if text
    ]


def nav_breadcrumb(soup):
    trail = soup.find(attrs={"aria-label": lambda label: label and "breadcrumb" in label.lower()})
    if trail is None:
        return ""
    crumbs = trail.find_all("li") or trail.find_all("a")
    names = [name for name in (collapsed(crumb.get_text()) for crumb in crumbs) if name]
    return names[-2] if len(names) > 1 else ""


# Checks and keys


def checked_topic(page, topic):
    if len(topic) > MAX_QUESTION_LENGTH:
        page.fail(
            f"the breadcrumb's topic is {len(topic):,} characters long; "
            f"a topic's title holds at most {MAX_QUESTION_LENGTH}"
        )
    return topic


def refuse_broken_faq_block(page, broken):
    for block in broken:
        if block.about_faq:
            page.fail(
                f"{block.label} is not valid JSON ({block.error}), and the page has no other "
                "FAQPage markup to read; correct the block's JSON"
            )


def check_record(page, faq):
    if not faq.question:
        page.fail(f"{faq.where}: the question is empty; every question needs its text")
    if len(faq.question) > MAX_QUESTION_LENGTH:
        page.fail(
            f"{faq.where}: the question is {len(faq.question):,} characters long; "
            f"the most is {MAX_QUESTION_LENGTH}"
        )
    if len(faq.answer) > MAX_ANSWER_LENGTH:
        page.fail(
            f"{faq.where} ('{shortened(faq.question)}'): the answer is {len(faq.answer):,} "
            f"characters long; the most an answer may hold is {MAX_ANSWER_LENGTH:,}"
        )


def deduplicated(found):
    """Each question once, as first found; a later copy's key still leads to it."""
    kept = {}
    for item in found:
        first = kept.setdefault(item.faq.question.casefold(), item)
        if first is not item:
            first.aliases.extend([item.faq.key, *item.aliases])
    return list(kept.values())


def check_unique_keys(page, found):
    seen = {}
    for item in found:
        first = seen.setdefault(item.faq.key, item)
        if first is not item:
            page.fail(
                f"{first.faq.where} and {item.faq.where} have the same address "
                f"'{item.faq.key}'; each question needs its own"
            )


def link_finder(page, found):
    """link_key: an href naming one of the page's questions by its address or #fragment."""
    keys = {}
    for item in found:
        for alias in (item.faq.key, *item.aliases):
            keys.setdefault(normalised(alias), item.faq.key)
    own_addresses = page.own_addresses()

    def link_key(href):
        address = page.address(href)
        if address is None:
            return None
        key = keys.get(normalised(address))
        rest, fragment = urldefrag(address)
        if key is None and fragment and (not rest or normalised(rest) in own_addresses):
            key = keys.get(f"#{fragment}")
        return key

    return link_key


def normalised(address):
    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    path = parts.path.rstrip("/")
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, parts.query, parts.fragment)
    )


def timestamp(page, where, value):
    """An aware moment from an ISO 8601 date (noon in London) or date and time (London if naive)."""
    if value is None or value == "":
        return None
    moment = iso_moment(value.strip()) if isinstance(value, str) else None
    if moment is None:
        page.fail(
            f"{where}: the date modified '{shortened(str(value))}' is not a date; "
            "expected ISO 8601, e.g. 2026-06-02 or 2026-06-02T14:30:00+01:00"
        )
    return moment


def same_question(text, question):
    return collapsed(text).casefold() == question.casefold()


def slug_key(question):
    text = unicodedata.normalize("NFKC", question).lower()
    return "#" + re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text)).strip("-_")


def collapsed(text):
    return " ".join(text.split())


def shortened(text):
    return text if len(text) <= 80 else text[:77] + "..."
