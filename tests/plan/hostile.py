"""A book whose every name and note tries to break out of its format."""

from __future__ import annotations

SCRIPT = "<script>alert(1)</script>"
MARKUP = "[bold red]x[/]"
ANSI = "\x1b[31m"
BIDI = "\u202e"
LINK = "[click](https://evil.example/)"

# Double-quoted YAML so the escapes become the real characters.
HOSTILE = r"""
netreach: 1
me:
  name: "Me <b>bold</b> \e[2J"
  headline: "# Heading | pipe [bold]x[/] \u202eevil"
  seeking: {roles: ["*role* <i>", "`code` _under_"], companies: [evil]}
  communities: [club]
companies:
  evil:
    name: "<script>alert(1)</script> Corp"
    outlook: growing
    industry: "[bold red]x[/] \e[31mred"
communities:
  club: {name: "<img src=x onerror=alert(1)> [click](https://evil.example/)", kind: club}
people:
  friend:
    name: "Fr\u202eiend <script>alert(1)</script>"
    title: "[bold red]x[/] & co"
    company: "Other \e[31mCo"
    email: "a@b.example\e]8;;https://evil.example/\e\\"
    closeness: 4
    seen_my_work: 1
    vouch: 1
    last_contact: 2024-01-01
    communities: [club]
    knows: {boss: 4, mid: 3}
    log:
      - {date: 2026-11-19, note: "intro to boss soon <script>alert(1)</script> \e[31m \u202e"}
  boss:
    name: "- Boss\n# not a heading"
    title: "1. Title | cell **strong**"
    company: evil
    hiring: true
    communities: [club]
  mid:
    name: "Mid [click](https://evil.example/) **strong**"
    company: evil
    log:
      - {date: 2026-11-20, outcome: met, for: evil,
         note: "met <script>alert(1)</script> [bold red]x[/] \e[31m \u202e"}
  direct:
    name: "Direct \u202e<b>"
    company: evil
    closeness: 5
    seen_my_work: 5
    vouch: 5
    last_contact: 2026-11-01
    log:
      - {date: 2026-11-21, outcome: referred, for: evil,
         note: "asked for a referral <script>alert(1)</script> \e[31m"}
"""
