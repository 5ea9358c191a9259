"""From scores to the recommended layout: the exact optimiser, the recommendation and its
runners-up, the rationale read out to a client, and the warnings a result carries.
"""
