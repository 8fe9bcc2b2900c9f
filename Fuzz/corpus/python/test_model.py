import numpy as np
import pytest
import unittest

from model import train, Config


@pytest.mark.parametrize("seed", [1, 2])
def test_train_is_deterministic(seed):
    assert train(Config(seed)) == train(Config(seed))
    np.testing.assert_allclose(train(Config(seed)), 0.9, atol=0.1)


class TestConfig(unittest.TestCase):
    def setUp(self):
        self.config = Config()

    def test_rejects_negative_seed(self):
        with pytest.raises(ValueError):
            Config(-1)
        self.assertEqual(self.config.seed, 1)
