"""uvicorn in a thread of the test process, stopped the moment a test asks.

uvicorn looks at `should_exit` every 0.1 s and then sleeps another 0.1 s before it
waits for open connections; the suite starts and stops hundreds of servers, and each
stop took 0.15 s of those waits.
"""

import asyncio
import contextlib
import socket
import threading

import uvicorn


class ThreadServer(uvicorn.Server):
    """A uvicorn server whose `stop()` wakes its main loop at once."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._started = threading.Lock()

    async def main_loop(self) -> None:
        with self._started:
            self._loop, self._stopping = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        # uvicorn's own tick (the Date header, the request limit), woken early by stop().
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864_000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), 0.1)

    def stop(self) -> None:
        self.should_exit = True
        with self._started:
            loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None:
            with contextlib.suppress(RuntimeError):  # the loop has ended already
                loop.call_soon_threadsafe(stopping.set)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown (lifespan is off in the tests), without its fixed 0.1 s sleep:
        done as soon as the connections it asked to close are gone."""
        for server in self.servers:
            server.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        try:
            async with asyncio.timeout(self.config.timeout_graceful_shutdown):
                while self.server_state.connections or self.server_state.tasks:
                    await asyncio.sleep(0.005)
        except TimeoutError:
            for task in self.server_state.tasks:
                task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")
        for server in self.servers:
            await server.wait_closed()
