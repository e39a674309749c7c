"""The read models: plain SQL on the driver, no ORM between a keypress and its rows.

base.py holds the connection (SQLite or PostgreSQL) and its errors; queue.py the queue's
keyset windows and counts; lookups.py the small reads around a ticket (customers, assets,
agents, vendors, presence, the escalation brief); kb_search.py and kb_browse.py the
knowledge base; readers.py the set of them an App holds for its agent. Nothing here
imports SQLAlchemy at import time: the early start reads the queue before it loads.
"""
