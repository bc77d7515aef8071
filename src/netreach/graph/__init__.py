"""The network model: hops and their chances, referral factors, the search index and
the chain search."""
