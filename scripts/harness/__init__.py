"""What tests, benchmarks and reports use to build variants of the site and look at them in a browser. Not part of the product."""
