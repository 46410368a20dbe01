"""huhu_ext: the handwritten layer over the generated ``huhu_client``."""

from huhu_ext.spec import CreditRule, Operation, Spec, load_spec, price

__all__ = ["CreditRule", "Operation", "Spec", "load_spec", "price"]
__version__ = "0.1.0"
