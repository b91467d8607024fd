"""One module per layout step; `down_revision` chains them."""
