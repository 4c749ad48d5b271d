"""Articles from the web: main text and metadata out of HTML (`html`), and fetching a page safely (`fetching`).

Neither module writes anything; storing an imported article is facts.services.sources.
"""
