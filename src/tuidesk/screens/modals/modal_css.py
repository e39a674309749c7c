"""The boxed-modal style the ticket side's modals still format into their DEFAULT_CSS
(until they derive from screens.BoxedModal, whose look is styles/modal.tcss)."""

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90; max-width: 100%; height: auto; max-height: 100%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .hint {{ color: $text-muted; }}
{name} .error {{ color: $error; height: auto; }}
{name} .notice {{ color: $warning; height: auto; }}
{name} Input, {name} Input:focus {{ border: none; height: 1; padding: 0 1; }}
{name} OptionList {{ height: auto; max-height: 16; border: none; padding: 0; }}
"""
