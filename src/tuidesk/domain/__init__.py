"""The help desk's rules, free of storage and screens: SLA clocks and calendars,
the workflow of statuses, priority from urgency and impact, escalation, who may do
what. Everything here is plain Python over values; nothing imports upward."""
