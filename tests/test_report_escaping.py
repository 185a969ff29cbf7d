"""Whatever a resident types comes back as the same text from a rendered HTML or Markdown report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from logbook.render.escaping import html_text as t
from logbook.render.files.markdown import cell, paragraph
from logbook.render.escaping import inert
from tests.test_report import Page

# Markup-heavy text: every ASCII punctuation character, letters, digits, spaces, some non-Latin script.
MARKUP = st.text(alphabet=st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ aZ09\tʻЖ")), min_size=1, max_size=40)
PARSER = MarkdownIt("commonmark").enable("table")


def _cell_text(markdown_cell: str) -> str:
    rendered = PARSER.render(f"| h |\n|---|\n| {markdown_cell} |\n")
    page = Page(rendered.replace("<table>", '<table id="t">'))
    return page.tables["t"][1][0]


@settings(max_examples=150, deadline=None)
@given(MARKUP)
def test_any_text_in_a_markdown_table_cell_renders_as_itself(text):
    assert _cell_text(cell(text)) == inert(text).strip()


@settings(max_examples=100, deadline=None)
@given(MARKUP)
def test_any_line_of_a_reflection_renders_as_itself_in_markdown(text):
    rendered = Page(PARSER.render(paragraph(text) + "\n"))
    assert set(rendered.tags) <= {"p"}
    assert "".join(rendered.text).strip() == inert(text).strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text_in_html_parses_back_as_itself_with_control_characters_visible(text):
    page = Page(f"<p>{t(text)}</p>")
    assert page.tags == ["p"]
    assert "".join(page.text) == inert(text)
