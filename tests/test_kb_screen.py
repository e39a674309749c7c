"""The knowledge-base screen: search as you type, preview, actions, and use from a ticket."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, OptionList, Select, Static, TextArea

from tests.conftest import raw_sqlite
from tests.helpers import demo_app, settle
from tuidesk.domain import workflow
from tuidesk.markdown_plain import markdown_to_plain
from tuidesk.screens.kb import KbScreen
from tuidesk.screens.modals.article_editor import ArticleEditorScreen
from tuidesk.screens.modals.confirm import ConfirmScreen
from tuidesk.screens.modals.editor import EditorScreen
from tuidesk.screens.modals.kb_filter import KbFilterScreen
from tuidesk.screens.modals.revisions import RevisionsScreen
from tuidesk.screens.ticket import TicketScreen
from tuidesk.storage.read.kb_search import SearchResult

HOSTILE = "[b]bold[/b] [link='x']l[/link] [$accent] \x1b]52;c;aGk=\x07 \x1b[31mred\u202e!"


async def open_kb(pilot, query: str = "") -> KbScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("K")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, KbScreen)
    for key in query:
        await pilot.press("space" if key == " " else key)
    await settle(pilot)
    return screen


def note(screen: KbScreen) -> str:
    return str(screen.query_one("#kb-note", Static).render())


def results(screen: KbScreen) -> list[int]:
    options = screen.query_one("#kb-results", OptionList)
    return [int(options.get_option_at_index(n).id or 0) for n in range(options.option_count)]


async def test_typing_searches_and_the_preview_follows_the_cursor(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kb(pilot, "printer ja")
        hits = screen.hits
        assert hits and "jam" in hits[0].title.lower()
        assert note(screen).startswith(f"{len(hits)} article")
        assert screen.view is not None and screen.view.id == hits[0].id
        assert "Resolution" in screen.query_one(Markdown).source
        await pilot.press("down")  # into the list
        assert screen.focused is screen.query_one("#kb-results")
        await pilot.press("down")
        await settle(pilot)
        assert screen.view is not None and screen.view.id == hits[1].id
        await pilot.press("slash")
        assert screen.focused is screen.query_one(Input)
        # a typo is answered with the nearest words, and says so
        screen.query_one(Input).value = "pritner"
        await settle(pilot)
        assert "Showing results for 'printer'" in note(screen)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, KbScreen)


async def test_late_results_of_an_older_query_are_dropped(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kb(pilot, "vpn")
        shown = results(screen)
        assert shown
        stale = SearchResult("v", [])
        screen.post_message(KbScreen.Results(screen.searches - 1, stale))
        await settle(pilot)
        assert results(screen) == shown  # the older query's (empty) answer was ignored


async def test_article_text_is_shown_literally_and_links_are_not_opened(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.desk.kb.create(
            title=f"Zebra {HOSTILE}", symptoms=f"zebra {HOSTILE}",
            resolution=f"1. [click](https://example.invalid) {HOSTILE}", status="published",
        )  # fmt: skip
        screen = await open_kb(pilot, "zebra")
        assert screen.hits and screen.view is not None
        assert "\x1b" not in screen.view.markdown and "\u202e" not in screen.view.markdown
        assert "[b]bold[/b]" in str(screen.query_one("#kb-meta", Static).render())
        prompt = screen.query_one("#kb-results", OptionList).get_option_at_index(0).prompt
        assert "[b]bold[/b]" in str(prompt) and "\x1b" not in str(prompt)
        assert screen.query_one(Markdown)._open_links is False


async def test_from_a_ticket_link_solved_and_insert_into_the_reply(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        ticket_screen = app.screen
        assert isinstance(ticket_screen, TicketScreen)
        ticket_id = ticket_screen.ticket_id
        screen = await open_kb(pilot)
        assert screen.ticket_id == ticket_id
        assert screen.query_one(Input).value.strip()  # prefilled from the subject
        screen.query_one(Input).value = "printer jam"
        await settle(pilot)
        article = screen.view
        assert article is not None
        await pilot.press("down")
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        kinds = [e.event.kind for e in app.desk.history(ticket_id)]
        assert kinds.count(workflow.EVENT_ARTICLE_LINKED) == 1
        assert kinds.count(workflow.EVENT_ARTICLE_SOLVED) == 1
        await pilot.press("i")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert markdown_to_plain(article.resolution) in editor.query_one(TextArea).text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.desk.history(ticket_id)[-1].event.kind == workflow.EVENT_REPLY
        assert isinstance(app.screen, TicketScreen)
        page = "\n".join(app.screen.query_one("#ticket-body").lines)  # type: ignore[attr-defined]
        assert f"#{article.id}" in page and "(solved it)" in page


async def test_write_edit_publish_and_see_the_revisions(db_path: Path) -> None:
    app = demo_app(db_path)  # alex is an admin: may write
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_kb(pilot)
        await pilot.press("ctrl+n")  # also from the search box
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ArticleEditorScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "a title is required" in str(editor.query_one("#ae-error", Static).render())
        editor.query_one("#ae-title", Input).value = "Quokka printer driver reset"
        editor.query_one("#ae-symptoms", TextArea).load_text("Quokka prints blank pages")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, KbScreen)
        screen.query_one(Input).value = "quokka"
        await settle(pilot)
        assert [h.title for h in screen.hits] == ["Quokka printer driver reset"]
        assert screen.view is not None and screen.view.status == "draft"
        article_id = screen.view.id
        await pilot.press("down", "p")  # publishing needs the resolution
        await settle(pilot)
        assert app.desk.kb.get(article_id).status == "draft"
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ArticleEditorScreen)
        assert editor.query_one("#ae-title", Input).value == "Quokka printer driver reset"
        editor.query_one("#ae-resolution", TextArea).load_text("1. Reinstall the driver.")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.desk.kb.get(article_id).status == "published"
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, RevisionsScreen)
        diff = str(app.screen.query_one("#rev-diff", Static).render())
        assert "+1. Reinstall the driver." in diff


async def test_an_edit_that_collides_keeps_the_text(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        article = app.desk.kb.create(title="Wombat VPN", resolution="1. Reconnect.")
        screen = await open_kb(pilot, "wombat")
        await pilot.press("down", "e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ArticleEditorScreen)
        app.desk.kb.update(article.id, article.version, title="Wombat VPN (theirs)")
        editor.query_one("#ae-resolution", TextArea).load_text("1. Mine: reconnect twice.")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor  # still open, text kept
        assert "Someone else saved" in str(editor.query_one("#ae-notice", Static).render())
        assert editor.query_one("#ae-resolution", TextArea).text == "1. Mine: reconnect twice."
        await pilot.press("ctrl+s")  # apply mine on top
        await settle(pilot)
        assert app.desk.kb.get(article.id or 0).resolution == "1. Mine: reconnect twice."
        assert len(app.desk.kb.revisions(article.id or 0)) == 3
        del screen


async def test_the_filter_narrows_to_archived(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        article = app.desk.kb.create(title="Platypus printer", resolution="x", status="published")
        app.desk.kb.archive(article.id, article.version)
        screen = await open_kb(pilot, "platypus")
        assert screen.hits == []
        await pilot.press("ctrl+f")  # from the search box
        await settle(pilot)
        form = app.screen
        assert isinstance(form, KbFilterScreen)
        form.query_one("#kbf-status", Select).value = 3  # archived
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert [h.title for h in screen.hits] == ["Platypus printer"]
        assert "archived" in note(screen)


def most_used_first(db_path: Path, category: str = "") -> list[int]:
    """The live articles (of `category`), most linked first, then by title: read here
    from the table, not through the screen's query."""
    with raw_sqlite(db_path) as raw:
        rows = raw.execute(
            "SELECT id, title, times_linked, category FROM article"
            " WHERE status IN ('draft', 'published')"
        ).fetchall()
    kept = [r for r in rows if not category or r[3] == category]
    return [r[0] for r in sorted(kept, key=lambda r: (-r[2], r[1].lower(), r[0]))]


async def filter_form(pilot) -> KbFilterScreen:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+f")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, KbFilterScreen)
    return form


async def test_an_empty_query_with_a_category_lists_it_most_used_first(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kb(pilot)
        form = await filter_form(pilot)
        form.query_one("#kbf-category", Input).focus()
        await pilot.press(*"Network")
        await pilot.press("enter")
        await settle(pilot)
        expected = most_used_first(db_path, "network")
        assert len(expected) > 3 and results(screen) == expected
        assert screen.hits[0].times_linked > screen.hits[-1].times_linked  # an order by use
        first = str(screen.query_one("#kb-results", OptionList).get_option_at_index(0).prompt)
        assert f"linked {screen.hits[0].times_linked}×" in first
        assert note(screen) == f"Most used first: {len(expected)} articles · filter: network"
        assert screen.view is not None and screen.view.id == expected[0]  # its preview


async def test_an_empty_query_lists_every_article_a_page_at_a_time(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kb(pilot)
        expected = most_used_first(db_path)
        assert len(expected) > 50  # more than one page
        assert results(screen) == expected[:50]
        assert note(screen) == "Most used first: 50 articles, more below"
        await pilot.press("down", "end")  # the cursor near the end reads the next page
        await settle(pilot)
        assert results(screen) == expected
        assert note(screen) == f"Most used first: {len(expected)} articles"
        await pilot.press("slash", *"dns")  # typing searches again
        await settle(pilot)
        assert "DNS" in screen.hits[0].title and not note(screen).startswith("Most used")


async def test_enter_applies_the_kb_filter_and_picks_in_an_open_dropdown(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kb(pilot)
        form = await filter_form(pilot)
        assert "Enter applies" in str(form.query_one(".hint", Static).render())
        assert form.focused is form.query_one("#kbf-status")
        await pilot.press("space", "down", "down", "down")  # the status list, to Archived
        await pilot.press("enter")  # picks, does not apply
        await settle(pilot)
        assert app.screen is form and form.query_one("#kbf-status", Select).value == 3
        await pilot.press("space", "escape")  # Escape in an open list closes only the list
        assert app.screen is form
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        with raw_sqlite(db_path) as raw:
            archived = raw.execute("SELECT count(*) FROM article WHERE status = 'archived'")
            count = archived.fetchone()[0]
        assert count and len(results(screen)) == count
        assert all(hit.status == "archived" for hit in screen.hits)
        assert "filter: archived" in note(screen)


async def test_ctrl_r_clears_the_kb_filter_and_it_reopens_where_it_was_left(
    db_path: Path,
) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kb(pilot)
        form = await filter_form(pilot)
        form.query_one("#kbf-status", Select).value = 1  # published
        form.query_one("#kbf-visibility", Select).value = "public"
        form.query_one("#kbf-tag", Input).focus()
        await pilot.press(*"vpn", "enter")
        await settle(pilot)
        assert "filter: published, public, vpn" in note(screen)
        form = await filter_form(pilot)
        assert form.focused is form.query_one("#kbf-tag")  # where the agent left it
        assert form.query_one("#kbf-tag", Input).value == "vpn"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert form.query_one("#kbf-tag", Input).value == ""
        assert form.query_one("#kbf-status", Select).value == 0
        assert form.query_one("#kbf-visibility", Select).value == ""
        await pilot.press("enter")
        await settle(pilot)
        assert "filter" not in note(screen)
        assert results(screen) == most_used_first(db_path)[:50]


async def test_a_resolved_ticket_becomes_a_draft_article_with_w(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")  # recently resolved
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        ticket = app.screen
        assert isinstance(ticket, TicketScreen)
        await pilot.press("W")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ArticleEditorScreen)
        assert editor.query_one("#ae-title", Input).value == ticket.detail.ticket.subject  # type: ignore[union-attr]
        assert editor.query_one("#ae-resolution", TextArea).text.strip()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_kb_snapshot(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def search(pilot):  # type: ignore[no-untyped-def]
        await open_kb(pilot, "printer ja")
        await pilot.pause()

    assert snap_compare(demo_app(db_path), terminal_size=size, run_before=search)


def test_kb_filter_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def filter_by_category(pilot):  # type: ignore[no-untyped-def]
        await open_kb(pilot)
        await filter_form(pilot)
        await pilot.press("tab", "tab", *"network")
        await pilot.pause()

    assert snap_compare(demo_app(db_path), terminal_size=(80, 24), run_before=filter_by_category)


def as_agent(db_path: Path, login: str):  # type: ignore[no-untyped-def]
    from tests.conftest import DEMO_OWNER as OWNER
    from tests.conftest import FIXED_NOW, Clock, copy_of_demo
    from tuidesk.app import make_app
    from tuidesk.config import Settings
    from tuidesk.demo.build import ensure_demo
    from tuidesk.storage.database import open_database

    if not db_path.exists():
        copy_of_demo(db_path)
    db = open_database(db_path)
    ensure_demo(db, now=FIXED_NOW, owner=OWNER)
    settings = Settings(db=str(db_path), demo=True, as_login=login)
    return make_app(settings, db=db, clock=Clock(FIXED_NOW))


def footer_keys(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What the footer offers: key → description, as drawn."""
    from textual.widgets._footer import FooterKey

    return {key.key_display: key.description for key in app.screen.query(FooterKey)}


async def test_an_l1_agent_is_not_offered_what_they_may_not_do_and_is_told_why(
    db_path: Path,
) -> None:
    app = as_agent(db_path, "amira")  # L1, agent
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_kb(pilot, "printer")
        await pilot.press("down")  # into the results
        await settle(pilot)
        assert screen.view is not None
        offered = footer_keys(app)
        assert "New article" not in offered.values() and "Edit" not in offered.values()
        assert "Search" in offered.values()
        for key in ("ctrl+n", "A", "e", "p"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen, key  # no editor, no question
            [said] = [str(n.message) for n in app._notifications]
            assert "L1 agents read the knowledge base" in said and "note" in said
        await pilot.press("D")
        await settle(pilot)
        assert "only leads and admins delete articles" in str(list(app._notifications)[-1].message)
        titles = [c.title for c in screen.commands()]
        assert "Knowledge base: Search" in titles
        assert not any("New article" in t or "Archive" in t for t in titles)


async def test_archive_works_in_the_result_list_and_q_goes_back(db_path: Path) -> None:
    app = as_agent(db_path, "mattias")  # L2: writes articles
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_kb(pilot, "printer")
        await pilot.press("down")
        await settle(pilot)
        assert screen.focused is screen.query_one("#kb-results")
        assert "New article" in footer_keys(app).values()
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("q")  # leaves the knowledge base, does not quit the app
        await settle(pilot)
        assert app.is_running
        assert not isinstance(app.screen, KbScreen)
        await pilot.press("K")
        await settle(pilot)
        await pilot.press(*"q")  # typed in the search box, q is a letter
        assert isinstance(app.screen, KbScreen)
        assert app.screen.query_one(Input).value == "q"
