"""Mail the server sends: update requests to contact points, their reminders, the reasons
of rejected changes, registrations' confirmations.

A mail is queued in the transaction of what causes it (`outbox`), written only when it is
delivered (so a link's token exists nowhere but in the mail), and delivered through the
district's mail server (`transport`) or, without one, filed as an .eml file for the office.
"""
