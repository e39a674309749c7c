"""The demo help desk: `build.ensure_demo` writes it on the first use of `--demo`.

build.py    the whole demo in one transaction: the setting, then the tickets
stories.py  which story each ticket plays, for whom, and when each move happens
players.py  everyone who acts in the stories, each through their own Desk
data.py     reads and checks data/: TOML tables and knowledge-base Markdown files
"""
