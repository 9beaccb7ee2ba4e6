"""faqbase: an FAQ knowledge base on Wagtail."""
