"""Applications, per-site requests, workflow, decisions and licences (issue: applications)."""
