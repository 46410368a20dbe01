"""``python -m mock_server serve ...`` — the same as the ``huhu-mock`` console script."""

import sys

from mock_server.cli import main

sys.exit(main())
