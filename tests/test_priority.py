import pytest

from tuidesk.domain.priority import priority_for, priority_label
from tuidesk.errors import ValidationError

# impact (rows) × urgency (columns), from the ITIL matrix
MATRIX = {
    (1, 1): 1, (1, 2): 2, (1, 3): 3,
    (2, 1): 2, (2, 2): 3, (2, 3): 4,
    (3, 1): 3, (3, 2): 4, (3, 3): 5,
}  # fmt: skip


@pytest.mark.parametrize(("impact", "urgency"), sorted(MATRIX))
def test_whole_matrix(impact: int, urgency: int) -> None:
    assert priority_for(impact, urgency) == MATRIX[(impact, urgency)]


def test_labels() -> None:
    assert priority_label(1) == "P1 critical"
    assert priority_label(5) == "P5 planning"


@pytest.mark.parametrize("bad", [0, 4, -1, True, "2", None])
def test_out_of_range_levels_are_refused(bad: object) -> None:
    with pytest.raises(ValidationError, match="impact must be 1"):
        priority_for(bad, 2)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="urgency must be 1"):
        priority_for(2, bad)  # type: ignore[arg-type]
