"""Rule-based extractors: text normalisation, dates, quantities and one module per record type."""
