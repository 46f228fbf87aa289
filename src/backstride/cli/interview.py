"""The guided interview in the terminal: a thin Rich front end over `backstride.interview`.

All questions, wording and branching come from `backstride.interview`; this module only
prints them, reads what the runner types and moves between steps. Input is read through an
injectable function so that tests (and piped standard input) can drive it.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.markup import escape

from backstride.contract.case import Case
from backstride.errors import UserError
from backstride.interview import (
    BODY_MAP,
    SIDE_LABELS,
    Question,
    answers_to_case,
    describe_answer,
    next_step_index,
    parse_answer,
    previous_step_index,
    progress,
    steps,
    visible_questions,
)

InputFunc = Callable[[str], str]
UrgentCheck = Callable[[Case], bool]

BACK_WORDS = frozenset({"back", "b"})
QUIT_WORDS = frozenset({"quit", "q", "exit"})
MORE_WORDS = frozenset({"more", "m", "continue", "c"})

WELCOME = (
    "[bold]backstride[/bold] will ask about your pain, a few safety questions and your running, "
    "then give you a report.\n"
    "Type [bold]back[/bold] to return to the previous step, press Enter or type "
    "[bold]skip[/bold] when you are not sure, and [bold]quit[/bold] to stop at any time.\n"
    "[dim]This is guidance, not a diagnosis. If you feel seriously unwell, call your local "
    "emergency number.[/dim]"
)
STOPPED = "Stopped. Nothing was saved and no assessment was made."


class _Back(Exception):
    """The runner asked to go to the previous step."""


class _Quit(Exception):
    """The runner asked to stop."""


def run_interview(
    console: Console | None = None,
    input_func: InputFunc | None = None,
    *,
    urgent_check: UrgentCheck | None = None,
) -> Case | None:
    """Ask the interview one step at a time; the case, or None if the runner stopped.

    After a step with safety questions, if the answers so far already call for emergency care
    (`urgent_check`, by default the engine's triage), the runner may see the result straight
    away instead of answering the rest.
    """
    # Prompts go to standard error, so `--format json > result.json` still shows them.
    console = console or Console(stderr=True, highlight=False)
    read = input_func or console.input
    needs_urgent_care = urgent_check or _engine_says_emergency
    answers: dict[str, object] = {}
    offered = False
    console.print(WELCOME)
    index = next_step_index(None, answers)
    try:
        while index is not None:
            try:
                _ask_step(console, read, index, answers)
            except _Back:
                previous = previous_step_index(index, answers)
                if previous is None:
                    console.print("[dim]This is the first step; starting it again.[/dim]")
                else:
                    index = previous
                continue
            step = steps()[index]
            if not offered and any(q.red_flag for q in visible_questions(step, answers)):
                case = answers_to_case(answers)
                if needs_urgent_care(case):
                    offered = True
                    if _offer_result_now(console, read):
                        return case
            index = next_step_index(index, answers)
    except (_Quit, KeyboardInterrupt, EOFError):
        console.print(f"\n{STOPPED}")
        return None
    return answers_to_case(answers)


def _engine_says_emergency(case: Case) -> bool:
    from backstride.contract.result import Level
    from backstride.engine.assess import assess

    return assess(case).triage.level in (Level.emergency, Level.emergency_ambulance)


def _offer_result_now(console: Console, read: InputFunc) -> bool:
    console.print(
        "\n[bold red]Some of your answers can be a sign of a problem that needs urgent care."
        "[/bold red]\nYou can see your result now, or answer the remaining questions first."
    )
    while True:
        word = read("Press Enter to see your result now, or type 'more' to keep going: ")
        word = word.strip().lower()
        if not word:
            return True
        if word in MORE_WORDS:
            return False
        if word in QUIT_WORDS:
            raise _Quit
        console.print("[dim]Press Enter for the result, or type 'more'.[/dim]")


def _ask_step(console: Console, read: InputFunc, index: int, answers: dict[str, object]) -> None:
    step = steps()[index]
    position, total = progress(index, answers)
    console.print(f"\n[bold cyan]Step {position} of {total}: {escape(step.title)}[/bold cyan]")
    if step.intro:
        console.print(f"[dim]{escape(step.intro)}[/dim]")
    for q in step.questions:
        # Re-checked before each question: an answer earlier in the step may open or close it.
        if q not in visible_questions(step, answers):
            continue
        value = _ask(console, read, q, answers.get(q.id))
        if value is None:
            answers.pop(q.id, None)
        else:
            answers[q.id] = value


def _ask(console: Console, read: InputFunc, q: Question, current: object | None) -> object | None:
    console.print(f"\n{escape(q.prompt)}")
    if q.help:
        console.print(f"[dim]{escape(q.help)}[/dim]")
    _print_options(console, q)
    hint = _hint(q)
    if current is not None:
        hint += f"; Enter keeps: {describe_answer(q, current)}"
    console.print(f"[dim]({escape(hint)})[/dim]")
    while True:
        raw = read("> ")
        word = raw.strip().lower()
        if word in BACK_WORDS:
            raise _Back
        if word in QUIT_WORDS:
            raise _Quit
        if not word and current is not None:
            return current
        if not word and q.red_flag:
            console.print("[yellow]This one matters: please answer yes, no or not sure.[/yellow]")
            continue
        try:
            return parse_answer(q, raw)
        except UserError as exc:
            # The question is on screen already; show what was wrong and what is allowed.
            message = str(exc).removeprefix(f"{q.id}: ")
            console.print(f"[yellow]Sorry, {escape(message)}.[/yellow]")


def _print_options(console: Console, q: Question) -> None:
    if q.kind in ("choice", "multi_choice"):
        for number, choice in enumerate(q.choices, start=1):
            console.print(f"  {number:>2}. {escape(choice.label)}")
    elif q.kind == "regions":
        for number, area in enumerate(BODY_MAP, start=1):
            sides = "/".join("middle" if s == "central" else s for s in area.sides)
            console.print(
                f"  {number:>2}. {escape(area.label)} [dim]({area.region}: {sides})[/dim]"
            )


def _hint(q: Question) -> str:
    if q.kind == "yes_no":
        return "yes / no / not sure"
    if q.kind == "number":
        noun = "a whole number" if q.integer else "a number"
        low, high = q.minimum, q.maximum
        if low is not None and high is not None:
            noun += f" from {low:g} to {high:g}"
        # "out of 10" is already said by the range.
        return noun + (f", in {q.unit}" if q.unit and not q.unit.startswith("out of") else "")
    if q.kind == "choice":
        return "type a number"
    if q.kind == "multi_choice":
        return "numbers separated by commas, or 'none'"
    sides = ", ".join(f"{s} = {label}" for s, label in SIDE_LABELS.items())
    return f"areas with a side, e.g. 'lower_back:central, 6:right' or '4, 6 right'; {sides}"
