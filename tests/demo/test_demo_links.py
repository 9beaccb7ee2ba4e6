"""Links between demo FAQs: sibling questions point at each other, and no FAQ is an orphan."""

import re

import pytest

from faqbase.demo import DEMO_CONTENT_DIR, DEMO_TRANSLATIONS
from faqbase.importexport.folder import read_folder

# Questions a visitor could have meant instead of the one they landed on. Every FAQ in a group
# links every other FAQ of the group from its answer.
SIBLING_GROUPS = [
    # PMO: seniority, which is better, what the difference is
    [
        "is-pmo-more-senior-than-project-manager",
        "is-pmo-better-than-project-manager",
        "what-is-the-difference-between-a-pmo-and-a-project-manager",
    ],
    # program (US spelling) and programme (UK spelling), asked the same way
    [
        "what-is-the-difference-between-program-and-project-manager",
        "what-is-the-difference-between-a-project-manager-and-a-programme-manager",
    ],
    [
        "is-a-program-manager-a-project-manager",
        "are-programme-managers-and-project-managers-the-same",
    ],
    # starting with no experience
    [
        "can-i-do-project-management-with-no-experience",
        "can-you-start-as-a-project-manager-with-no-experience",
    ],
    ["how-to-start-as-a-project-manager", "how-to-become-a-project-manager"],
    # demand in the UK
    [
        "are-project-managers-in-demand-in-the-uk",
        "is-project-management-in-demand-in-uk",
        "is-there-a-shortage-of-project-managers-uk",
    ],
    # "no experience" with its UK-specific version
    [
        "how-do-i-become-a-project-manager-with-no-experience",
        "how-to-become-a-project-manager-in-the-uk-with-no-experience",
    ],
    [
        "can-you-start-as-a-project-manager-with-no-experience",
        "how-to-become-a-project-manager-in-the-uk-with-no-experience",
    ],
    [
        "can-you-be-a-project-manager-without-qualifications",
        "how-do-i-become-a-project-manager-with-no-qualifications",
    ],
    # qualifications and credentials
    [
        "what-are-the-qualifications-of-a-project-manager",
        "what-qualifications-do-i-need-to-be-a-project-manager",
        "what-qualifications-do-you-need-to-become-a-pm",
    ],
    [
        "what-credentials-do-i-need-to-be-a-project-manager",
        "what-are-the-qualifications-of-a-project-manager",
    ],
    ["am-i-qualified-to-be-a-project-manager", "how-do-i-qualify-as-a-project-manager"],
    [
        "which-certificate-is-best-for-a-project-manager",
        "which-certification-is-good-for-a-project-manager",
    ],
    # agile and Scrum
    ["do-you-need-a-pm-in-agile", "is-there-a-pm-in-agile", "what-is-pm-in-agile"],
    ["is-a-pm-a-scrum-master", "is-a-scrum-master-just-a-project-manager"],
    # the remaining pairs that ask the same question in other words
    ["how-long-does-it-take-to-become-a-pm", "how-fast-can-you-become-a-project-manager"],
    ["am-i-too-old-to-be-a-project-manager", "is-40-too-old-to-become-a-project-manager"],
    ["are-project-managers-well-paid", "how-much-money-do-project-managers-earn"],
    ["what-makes-a-project-manager-successful", "what-makes-a-strong-project-manager"],
]


@pytest.fixture(scope="module")
def demo():
    return read_folder(DEMO_CONTENT_DIR, languages=DEMO_TRANSLATIONS)


@pytest.fixture(scope="module")
def faq_links(demo):
    """{slug: the slugs of the FAQs its answer links to}, read from the site paths."""
    topics = {topic.slug for topic in demo.topics}
    links = {}
    for faq in demo.faqs:
        paths = re.findall(r"\]\(/([a-z0-9-]+)/([a-z0-9-]+)/\)", faq.answer)
        links[faq.slug] = {slug for topic, slug in paths if topic in topics}
    return links


def test_sibling_groups_name_existing_faqs(demo):
    slugs = {faq.slug for faq in demo.faqs}
    for group in SIBLING_GROUPS:
        assert len(group) >= 2 and len(set(group)) == len(group), group
        assert set(group) <= slugs, set(group) - slugs


def test_faq_links_point_at_existing_faqs(demo, faq_links):
    slugs = {faq.slug for faq in demo.faqs}
    for slug, targets in faq_links.items():
        assert targets <= slugs, (slug, targets - slugs)
        assert slug not in targets, slug


def test_every_faq_in_a_sibling_group_links_every_other_one(faq_links):
    missing = [
        f"{source} -> {target}"
        for group in SIBLING_GROUPS
        for source in group
        for target in group
        if source != target and target not in faq_links[source]
    ]
    assert not missing, "\n".join(missing)


def test_every_faq_is_linked_from_at_least_one_other_faq(faq_links):
    linked = set().union(*faq_links.values())
    orphans = sorted(set(faq_links) - linked)
    assert not orphans, orphans
