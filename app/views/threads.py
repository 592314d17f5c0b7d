"""Bringing results from worker threads back to the session's event loop.

Flet runs handlers, renders and effects on the session's asyncio loop; observable state
and `use_state` setters must be changed there. The sync runs in threads of its own.
"""

import asyncio
import contextvars
from collections.abc import Callable


def poster() -> Callable[[Callable[[], None]], None]:
    """Call on the loop (in a handler or effect); returns `post(fn)`, which any thread
    may call to run `fn` on that loop, in this session's context (its page, so that
    `t()` speaks the session's language)."""
    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()

    def post(fn: Callable[[], None]) -> None:
        if not loop.is_closed():
            loop.call_soon_threadsafe(fn, context=context)

    return post
