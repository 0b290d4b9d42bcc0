"""Deliveries of messages: every e-mail the workshop sends on its own (the evening-before
reminder, the mentor's morning) is a row first, claimed before it is sent, so that a killed
worker, a retry or two beats never send it twice nor lose it.

An app of its own rather than more models in `workshop`: these rows are written every minute
by the beat and the workers, and the page cache (workshop/page_cache.py) replaces its data
version on any write to the tables of the apps pages show; deliveries are not among them, so
sending a thousand reminders leaves every cached page alone. It also keeps the workshop app's
migrations to the schedule and its people.
"""
