"""explainer: news articles → sourced facts → an explainer microsite."""

__version__ = "0.1.0"
