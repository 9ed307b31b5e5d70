"""Reading an article: decode, lay out, normalise, split sentences, segment words."""
