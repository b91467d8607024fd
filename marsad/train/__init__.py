"""Training marsad's statistical models from the research corpora in ../shared/datasets."""
