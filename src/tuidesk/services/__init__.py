"""Use cases: the only code that writes. One short transaction each, one module per area
(tickets, escalation, customers, agents, views, presence, sla_policy, kb …), every write
through uow.py; desk.py binds them for one agent, context.py opens a desk."""
