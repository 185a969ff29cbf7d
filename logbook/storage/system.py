"""Which system the logbook runs on: the one seam where the Windows and POSIX paths part (tests turn it)."""

import sys

WINDOWS = sys.platform == "win32"
