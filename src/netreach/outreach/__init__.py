"""Outreach plans: steps, the referral checklist, drafts, tracking and the weekly agenda."""
