"""The HTML sanitiser of the report pages: nbconvert's ``clean_html`` filter with an allowlist
that fits what the notebooks show (tables, headings, highlighted excerpts, PNG figures,
links inside the site) and nothing that runs or reaches out: no scripts, no event handlers,
no ``javascript:``/external URLs, no CSS beyond layout and colour. Every Markdown cell and
every HTML output passes through it (``sanitize_html``), so even text that slipped past the
notebooks' own escaping cannot act. The site's own scripts come from the page template.
"""
from __future__ import annotations

import html
import json
import re

import nh3

from .. import links

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "mark", "ol", "p",
    "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}
GLOBAL = {"class", "id", "title", "style"}
CSS_PROPERTIES = {"text-align", "vertical-align", "padding", "white-space", "min-width", "max-width", "width", "background",
    "background-color", "color", "font-weight", "font-style", "font-size", "border", "border-top", "border-collapse",
    "margin"}
DATA_ATTRIBUTE = re.compile(r"^data-[a-z][a-z0-9-]*$")
SAFE_IMAGE = re.compile(r"^data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]+$")
RELATIVE = re.compile(r"^(#[\w\-.:%]*|(?![a-zA-Z][a-zA-Z0-9+.\-]*:)(?!//)[\w\-./%]+(#[\w\-.:%]*)?)$")


def _attribute(tag: str, name: str, value: str) -> bool:
    if name == "data-figure":
        return tag == "div" and safe_figure(value)
    if DATA_ATTRIBUTE.match(name):
        return "javascript" not in value.lower() and "//" not in value
    if name == "style":
        return not UNSAFE_CSS.search(value)
    if name in GLOBAL:
        return "javascript" not in value.lower()
    if tag == "a" and name == "href":
        return bool(RELATIVE.match(value))  # links stay inside the site
    if tag == "img" and name == "src":
        return bool(SAFE_IMAGE.match(value)) or bool(RELATIVE.match(value))
    if tag == "img" and name in {"alt", "width", "height"}:
        return True
    if tag in {"td", "th"} and name in {"colspan", "rowspan"}:
        return value.isdigit()
    return False


UNSAFE_CSS = re.compile(r"\\|url|image|@import|expression|javascript|behavior|binding", re.I)
FIGURE_TAGS = re.compile(r"<\s*/?\s*([a-zA-Z]+)")
FIGURE_MARKUP = {"b", "i", "br", "em", "extra", "sup", "sub"}  # what the hover templates use
FIGURE_KEYS_REFUSED = {"images", "source", "href", "template", "meta", "mapbox", "geo"}


def safe_figure(value: str) -> bool:
    """A chart's figure (JSON) that draws and links inside the site only: no images or other
    sources Plotly would fetch, no markup in its texts beyond the hover templates' own (every
    text from an article reaches it escaped), and each point's link (``customdata[0]``) an
    article page of the site."""
    try:
        figure = json.loads(value)
    except ValueError:
        return False
    if not isinstance(figure, dict):
        return False

    def ok(node) -> bool:
        if isinstance(node, dict):
            return all(k not in FIGURE_KEYS_REFUSED and ok(v) for k, v in node.items())
        if isinstance(node, list):
            return all(ok(v) for v in node)
        if isinstance(node, str):
            return all(t.lower() in FIGURE_MARKUP for t in FIGURE_TAGS.findall(node)) and "javascript:" not in node.lower()
        return node is None or isinstance(node, (int, float, bool))

    traces = figure.get("data", [])
    points = [p[0] for t in traces if isinstance(t, dict) for p in t.get("customdata") or [] if isinstance(p, list) and p]
    return ok(figure) and all(isinstance(x, str) and links.SITE_LINK.match(x) for x in points)


ATTRIBUTES = {"*": GLOBAL, "a": {"href"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan"},
              "th": {"colspan", "rowspan"}, "div": {"data-figure"}}


def _filter(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: the value (already decoded) where :func:`_attribute` allows it."""
    return value if _attribute(tag, name, value) else None


def clean_html(element) -> str:
    """Sanitised HTML: only the tags and attributes above; a script's or style's content goes
    with its tag (nothing of the notebooks' own output is either), other disallowed tags are
    dropped and their text kept."""
    text = element.decode() if isinstance(element, bytes) else str(element)
    return nh3.clean(text, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_filter, generic_attribute_prefixes={"data-"},
                     url_schemes={"http", "https", "data"}, filter_style_properties=CSS_PROPERTIES, strip_comments=True,
                     link_rel=None)
