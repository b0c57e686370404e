"""Markup in fields that should be plain text (``text``, ``title``, ``author``).

Producers sometimes put HTML fragments in the plain-text fields. Stored as-is they reach
Elasticsearch and Kibana with ``<script>``, event handlers and ``javascript:`` links, so the
clean stage makes them plain text *before* lines are judged and offsets computed:

* script/style/iframe/object/embed/noscript/template (and a few more active elements) are
  removed **with** their content;
* every other tag is dropped and its text kept; block tags (p, div, br, li, h1…) become line
  breaks so paragraphs survive;
* HTML entities are unescaped once (``&amp;lt;`` stays ``&lt;``); markup that only appears
  after that unescape (``&lt;script&gt;``) is stripped as tags too, without unescaping again;
* ``javascript:``, ``vbscript:`` and ``data:text/html`` schemes left in the text are removed.

Parsing is lxml's (libxml2's HTML parser), not hand regexes. One regex runs before it: a
``<`` that cannot open a tag (``x < y``, ``3<5``, ``<name@example.com>``) is escaped so the
parser keeps it as text. Decision: a bracketed e-mail address is kept verbatim with its
brackets — it is text, not markup, and cannot be active. ``[shortcodes]`` are not markup here;
``residue.py`` handles them.
"""

from __future__ import annotations

import re

import lxml.html
import lxml.html.defs
from lxml import etree

# Elements whose content is code or an embedded document, never article text.
ACTIVE_ELEMENTS = (
    "script",
    "style",
    "iframe",
    "frameset",
    "object",
    "applet",
    "noscript",
    "template",
    "svg",
    "textarea",
    "select",
)
# Void elements libxml2 does not know as void: it would nest the text that follows inside
# them, so only the tag is removed.
VOID_ACTIVE_ELEMENTS = ("embed", "frame", "param", "source", "track")
BLOCK_ELEMENTS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "body",
        "html",
    ]
)

_HTML_TAGS = frozenset(lxml.html.defs.tags) | set(ACTIVE_ELEMENTS) | set(VOID_ACTIVE_ELEMENTS)
_HTML_TAGS |= BLOCK_ELEMENTS | {"picture", "video", "audio", "source", "mark", "time", "slot"}
_TAG_NAMES = "|".join(sorted(_HTML_TAGS, key=len, reverse=True))
# What may open markup: a known element's opening or closing tag, an unknown (or custom)
# element with attributes (browsers run an event handler on any element), a comment, a
# doctype or a processing instruction. Any other "<" is text: "x<y and y>z", "3<5",
# "<name@example.com>".
_MARKUP = (
    rf"/?(?:{_TAG_NAMES})(?=[\s/>])"
    r"|/?[A-Za-z][A-Za-z0-9-]*-[A-Za-z0-9-]*(?=[\s/>])"
    r"|[A-Za-z][A-Za-z0-9-]*\s[^<>]*=[^<>]*>"
    r"|!|\?"
)
_MARKUP_START = re.compile(rf"<(?:{_MARKUP})", re.IGNORECASE)
_NOT_MARKUP_LT = re.compile(rf"<(?!{_MARKUP})", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# Browsers ignore whitespace and control characters inside a scheme name.
_ACTIVE_SCHEME = re.compile(
    r"(?:j\s*a\s*v\s*a|v\s*b|l\s*i\s*v\s*e)\s*s\s*c\s*r\s*i\s*p\s*t\s*:"
    r"|d\s*a\s*t\s*a\s*:\s*text/html[^\s\"'<>]*",
    re.IGNORECASE,
)
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True)
_MAX_PASSES = 3


def strip_markup(text: str) -> str:
    """Plain text from a field that may carry HTML (see the module docstring). Text without
    markup, entities or active schemes is returned unchanged."""
    if not text:
        return text
    passes = 0
    unescape = True
    while passes < _MAX_PASSES and (
        _MARKUP_START.search(text) or (unescape and _ENTITY.search(text))
    ):
        if not unescape:  # the entities were unescaped once already: keep them literal
            text = text.replace("&", "&amp;")
        text = _to_text(text)
        unescape = False
        passes += 1
    if _MARKUP_START.search(text):
        # Markup nested deeper than _MAX_PASSES encodings: not article text.
        text = _MARKUP_START.sub("", text)
    return _remove_active_schemes(text)


def _remove_active_schemes(text: str) -> str:
    if not _has_active_scheme(text):
        return text
    previous = None
    while previous != text:  # "javajavascript:script:" must not reassemble
        previous, text = text, _ACTIVE_SCHEME.sub("", text)
    return text


def _has_active_scheme(text: str) -> bool:
    """The scheme pattern has no literal prefix, so scanning a whole article with it is slow;
    every match contains "script:" or "text/html" once whitespace is squeezed out."""
    squeezed = "".join(text.split()).lower()
    return "script:" in squeezed or "text/html" in squeezed


def _to_text(fragment: str) -> str:
    protected = _NOT_MARKUP_LT.sub("&lt;", fragment)
    root = lxml.html.fragment_fromstring(protected, create_parent="div", parser=_PARSER)
    for element in list(root.iter(*ACTIVE_ELEMENTS, *VOID_ACTIVE_ELEMENTS)):
        if element.getparent() is None:
            continue
        if element.tag in VOID_ACTIVE_ELEMENTS:
            element.drop_tag()
        else:
            element.drop_tree()  # keeps the tail text
    for element in root.iterdescendants(etree.Element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in BLOCK_ELEMENTS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())
