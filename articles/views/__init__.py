"""Views, one module per area: reading pages, uploads, search, the JSON API."""
