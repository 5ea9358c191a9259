"""Upper bounds for the layout search: the most the functions not yet placed can add.

The search hands over, per function still to place, its platforms best first as (value,
platform) pairs, where a value never understates what the function can add there (its score and
the synergies it may still realise), and which platforms are open. A completion gains the values
of its functions and pays `site` for every platform it opens. Two bounds, the lower kept:

- The dual of the facility-location relaxation: every function gets a price `u` no lower than
  its best open value, and each closed platform has `site` of slack to absorb what the functions
  would gain there beyond their price. Any completion is then worth at most the sum of the
  prices. Prices start at each function's best value and are lowered, one function after the
  other, as far as the slack of the platforms still above the price allows.
- When `max_sites` limits how many platforms may still open: every function at its best open
  platform, plus, for the best platforms that may open, what each would add on its own less its
  cost (the dual cannot see the limit).

Each bound also says what the completion could be worth if one closed platform were open for
free, so that the search can check a child that opens a platform without computing its bound.
All arithmetic is in integers; `site` must not be negative.
"""

from __future__ import annotations

from collections.abc import Sequence

from gba_advisor.core.frozen import frozen

Row = list[tuple[int, int]]
"""A function's (value, platform) pairs, best value first."""

NO_LAYOUT = -(10**18)
"""A bound no layout reaches: the branch cannot be completed."""


@frozen
class Completion:
    value: int
    """At most what the remaining functions add with the open platforms as they are."""
    prices: int
    """The dual bound: the sum of the prices."""
    by_site: int
    """The bound under `max_sites` (larger than any layout without a limit)."""
    anywhere: int
    """Every function at its best platform, open or not, nothing paid."""
    site: int
    slack: dict[int, int]
    """Per closed platform the prices took from: the slack left (absent: all of `site`)."""
    gains: dict[int, int]
    """Per closed platform: what it adds on its own over the open ones (kept under a limit)."""

    def opened(self, platform: int) -> int:
        """At most what they add if the closed `platform` were open at no cost (the caller pays
        it): its slack no longer constrains the prices, which gain what they took from it, and it
        no longer competes for the platforms that may open. Only asked of a few platforms, so
        worked out on demand."""
        site = self.site
        return min(
            self.prices + site - self.slack.get(platform, site),
            self.by_site + min(self.gains.get(platform, 0), site),
            self.anywhere,
        )


def completion(
    rows: Sequence[Row], counts: Sequence[int], site: int, more: int | None
) -> Completion:
    """The bounds for the functions of `rows`, `counts[p]` being how many placed functions use
    platform p (so p is open when positive); `more` is how many more platforms may open (None:
    any number)."""
    if more is not None and more <= 0:
        value = _in_open(rows, counts)
        return Completion(value, value, value, value, site, {}, {})
    total = anywhere = prices = 0
    slack: dict[int, int] = {}
    gains: dict[int, int] = {}
    for row in rows:
        # The platforms better than the best open one come first in the row: `above` of them.
        best_open = NO_LAYOUT
        above = 0
        for value, platform in row:
            if counts[platform]:
                best_open = value
                break
            above += 1
        anywhere += row[0][0]
        if not above:
            total += best_open
            prices += best_open
            continue
        if best_open != NO_LAYOUT:
            total += best_open
        prices += _lower_price(row, above, best_open, site, slack)
        if more is not None:
            # Without an open platform the function adds nothing yet: every gain is its value.
            base = 0 if best_open == NO_LAYOUT else best_open
            for value, platform in row[:above]:
                if value > base:
                    gains[platform] = gains.get(platform, 0) + value - base
    value = prices
    by_site = -NO_LAYOUT
    if more is not None:
        worth = sorted((gain - site for gain in gains.values() if gain > site), reverse=True)
        by_site = total + sum(worth[:more])
        value = min(value, by_site)
    return Completion(value, prices, by_site, anywhere, site, slack, gains)


def _lower_price(row: Row, above: int, floor: int, site: int, slack: dict[int, int]) -> int:
    """A function's price: as low as the slack of the closed platforms above it allows, but not
    below its best open value `floor`; the slack it uses is taken from `slack` (absent: `site`).

    While the price is above the next value, the platforms already above it each lose what the
    price goes down by, so the price stops at the highest `value - slack` among them."""
    price = NO_LAYOUT
    reach = 0
    while True:
        value, platform = row[reach]
        price = max(price, value - slack.get(platform, site))
        reach += 1
        following = row[reach][0] if reach < above else floor
        if price >= following:
            break
        if reach == above:
            price = floor
            break
    for value, platform in row[:reach]:
        if value > price:
            slack[platform] = slack.get(platform, site) - (value - price)
    return price


def _in_open(rows: Sequence[Row], counts: Sequence[int]) -> int:
    """No platform may open: every function at its best open one, if it has any."""
    total = 0
    for row in rows:
        for value, platform in row:
            if counts[platform]:
                total += value
                break
        else:
            return NO_LAYOUT
    return total
