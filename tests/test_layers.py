"""The code's shape: no module imports another that imports it back, through any chain.

The layers themselves (cli | app | screens | widgets | demo | services | storage |
domain) are pyproject's import-linter contract, which `.ci/run` checks with
`lint-imports`.
"""

from __future__ import annotations

import grimp


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import each other in a ring (Tarjan's components)."""
    imports = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(imports):
        if root in order:
            continue
        work = [(root, iter(imports[root]))]
        order[root] = low[root] = len(order)
        stack.append(root)
        while work:
            node, onward = work[-1]
            step = next(onward, None)
            if step is not None:
                if step not in order:
                    order[step] = low[step] = len(order)
                    stack.append(step)
                    work.append((step, iter(imports[step])))
                elif step in stack:
                    low[node] = min(low[node], order[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == order[node]:
                ring = []
                while True:
                    member = stack.pop()
                    ring.append(member)
                    if member == node:
                        break
                if len(ring) > 1:
                    found.append(sorted(ring))
    return found


def test_no_import_cycle_in_tuidesk() -> None:
    graph = grimp.build_graph("tuidesk", exclude_type_checking_imports=True)
    assert cycles(graph) == []


def test_the_cycle_finder_finds_one() -> None:
    graph = grimp.ImportGraph()
    for module in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(module)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.d")
    graph.add_import(importer="a.d", imported="a.b")
    assert cycles(graph) == [["a.b", "a.c", "a.d"]]
