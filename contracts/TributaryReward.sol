// SPDX-License-Identifier: MIT
// The reward token contributors redeem their credited balance into: minted on redemption by the payout key only.
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract TributaryReward is ERC20, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @param admin may grant and revoke roles; it is also the first minter (the payout worker's key).
    constructor(address admin) ERC20("Tributary Reward", "TRIB") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MINTER_ROLE, admin);
    }

    /// Creates `amount` base units (18 decimals) for `to`; only a minter may.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }
}
