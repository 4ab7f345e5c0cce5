"""The settings a deployment runs: everything from the environment."""

from .base import *  # noqa: F403
from .security import *  # noqa: F403
