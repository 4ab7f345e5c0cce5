"""Settings, read from the environment (see .env.example).

`main` is what a deployment runs (`base` plus `security`); `test` is the suite's.
"""
