"""What a reader of the public pages may see: the read policy's questions, in one place.

The public pages ask only these three functions, so the read policy (FACTBASE_READ_ACCESS,
facts/access.py) decides for them as it does for the API: under `reviewed` an anonymous reader
gets the pages of reviewed claims and of what they involve, each passage with its prefix and
suffix only (no article body); under `signed-in`, no page at all.
"""

from facts.access import can_read_at_all, visible
from facts.access import can_read_everything as can_read_bodies

__all__ = ["can_read_at_all", "can_read_bodies", "visible"]
