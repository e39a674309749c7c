"""tuidesk: a help desk that lives in the terminal."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `__version__` is read from the installed metadata only when asked for:
    # importlib.metadata costs about 40 ms, a tenth of the way to the first frame.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("tuidesk")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+source"
    raise AttributeError(f"module 'tuidesk' has no attribute {name!r}")
