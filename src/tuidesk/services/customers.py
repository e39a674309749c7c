"""Customers (requesters) and their equipment, as an agent takes them on the phone."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_
from sqlmodel import select

from tuidesk.errors import NotFoundError, ValidationError
from tuidesk.services.checks import EMAIL_PATTERN, MAX_EMAIL, check_line, required
from tuidesk.services.uow import UnitOfWork
from tuidesk.storage.models import Asset, Customer, Organization


def find_or_create_customer(uow: UnitOfWork, name_or_email: str) -> Customer:
    """The customer with this email or exact name; a new one if there is none.

    A name that matches several customers is an error that lists their emails.
    """
    key = required(name_or_email, "requester", "a requester (name or email)")
    with uow.db.write() as session:
        lowered = key.lower()
        matches = list(
            session.exec(
                select(Customer)
                .where(
                    or_(
                        func.lower(Customer.email) == lowered,
                        func.lower(Customer.name) == lowered,
                    )
                )
                .limit(6)
            )
        )
        by_email = [c for c in matches if c.email.lower() == lowered]
        if by_email:
            return by_email[0]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            emails = ", ".join(c.email or f"#{c.id}" for c in matches[:5])
            raise ValidationError(
                f"{len(matches)} customers are called {key!r} ({emails}); give the email",
                field="requester",
            )
        if EMAIL_PATTERN.match(key):
            check_line(key, "requester", "the requester's email", MAX_EMAIL)
            customer = Customer(name=key.split("@")[0], email=key)
        else:
            customer = Customer(name=check_line(key, "requester", "the requester's name"))
        session.add(customer)
        session.flush()
        return customer


def create_customer(
    uow: UnitOfWork,
    *,
    name: str,
    email: str = "",
    phone: str = "",
    organization: str = "",
    location: str = "",
) -> Customer:
    """A new customer, taken on the phone; an email already on file is refused.

    The organization is found by name (any case); a name not yet known creates it
    on the default plan, which an admin can change later.
    """
    name = check_line(required(name, "name", "the customer's name"), "name", "the name")
    email = check_line(email, "email", "the email", MAX_EMAIL)
    if email and not EMAIL_PATTERN.match(email):
        raise ValidationError(f"{email!r} is not an email address", field="email")
    phone = check_line(phone, "phone", "the phone number")
    organization = check_line(organization, "organization", "the organization's name")
    location = check_line(location, "location", "the location")
    with uow.db.write() as session:
        if email:
            taken = session.exec(
                select(Customer).where(func.lower(Customer.email) == email.lower())
            ).first()
            if taken is not None:
                raise ValidationError(
                    f"{email} belongs to {taken.name} already; pick them instead",
                    field="email",
                )
        org_id = None
        if organization:
            org = session.exec(
                select(Organization).where(func.lower(Organization.name) == organization.lower())
            ).first()
            if org is None:
                org = Organization(name=organization)
                session.add(org)
                session.flush()
            org_id = org.id
        customer = Customer(
            name=name,
            email=email,
            phone=phone,
            organization_id=org_id,
            location=location,
        )
        session.add(customer)
        session.flush()
        return Customer(**customer.model_dump())


def create_asset(
    uow: UnitOfWork,
    owner_id: int,
    *,
    kind: str,
    model: str = "",
    serial: str = "",
    warranty_until: date | None = None,
) -> Asset:
    """Equipment of a customer, recorded while taking a ticket."""
    kind = required(kind, "kind", "what kind of equipment it is (laptop, printer …)")
    with uow.db.write() as session:
        if session.get(Customer, owner_id) is None:
            raise NotFoundError(f"there is no customer #{owner_id}")
        asset = Asset(
            owner_id=owner_id,
            kind=kind,
            model=model.strip(),
            serial=serial.strip(),
            warranty_until=warranty_until,
        )
        session.add(asset)
        session.flush()
        return Asset(**asset.model_dump())
